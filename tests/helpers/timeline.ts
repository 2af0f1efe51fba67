// The timeline's test contract (documented at the top of src/timeline.rs), read from the data
// attributes of `[data-testid=timeline-plot]`: where the window is, and where a mark is drawn.
// Shared by the timeline spec and the journeys, so that marks are never found by guessed pixels.
import { expect } from '../fixtures';
import type { Page } from '@playwright/test';

/** Day number (days since 1970-01-01, UTC) of an ISO date, as the app counts days. */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The element carrying the contract's data attributes. */
export function plot(page: Page) {
  return page.getByTestId('timeline-plot');
}

/** The timeline canvas, by its role and the start of its text alternative. */
export function canvas(page: Page) {
  return plot(page).getByRole('img', { name: /^Timeline from/ });
}

/** Waits until the canvas has drawn a frame with the dataset. */
export async function drawn(page: Page) {
  await expect(plot(page)).toHaveAttribute('data-draw-ms', /\d/);
  await expect(plot(page)).toHaveAttribute('data-lanes', /\w/);
}

/** The window drawn right now, as ISO days [start, end] (inclusive), as in `win=`. */
export async function drawnWindow(page: Page) {
  const p = plot(page);
  return [await p.getAttribute('data-window-start'), await p.getAttribute('data-window-end')];
}

/**
 * The window drawn, as ISO days [start, end] (inclusive), as in `win=`. The URL changes first
 * and the canvas is redrawn on the next animation frame, so when the URL holds a `win=` this
 * waits until the drawing has caught up with it; otherwise it reads the attributes as they are.
 */
export async function windowOf(page: Page) {
  const win = /[?&]win=([\d-]+)~([\d-]+)/.exec(page.url());
  if (win) {
    await expect.poll(() => drawnWindow(page), { message: 'the canvas draws the URL\'s win=' }).toEqual([win[1], win[2]]);
  }
  return drawnWindow(page);
}

/**
 * Where an event spanning `start`..`end` (inclusive ISO days) in lane `laneId` is drawn, in
 * CSS px from the canvas's top-left: the lane-label gutter, then `TimeScale::x_center_of`, and
 * `LaneLayout::y_center`.
 */
export async function markPosition(page: Page, start: string, end: string, laneId: string) {
  const a = await plot(page).evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  const s = Number(a.scaleStart);
  const e = Number(a.scaleEnd);
  const w = Number(a.width);
  const x = (day: number) => ((day - s) / (e - s)) * w;
  const mid =
    start === end
      ? x(dayOf(start) + 0.5)
      : (Math.max(0, x(dayOf(start))) + Math.min(w, x(dayOf(end) + 1))) / 2;
  const left = Number(a.plotLeft);
  const lanes = String(a.lanes).split(',');
  const lane = lanes.indexOf(laneId);
  expect(lane, `lane ${laneId} in ${a.lanes}`).toBeGreaterThanOrEqual(0);
  return { x: left + mid, y: Number(a.laneTop) + (lane + 0.5) * Number(a.laneHeight) };
}
