//! Drawing one frame of the map with plotters on the canvas's device pixels: the sea, the
//! countries, then the markers (clusters with their counts, single events by precision: a place
//! as a dot, a district as a dot in a halo, a country as a ring).

use crate::relationships::PageCanvas;
use dyad_core::map::{radius, Cluster, Viewport};
use dyad_core::LocationPrecision;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::basemap::Basemap;
use crate::timeline::palette::CategoryColors;

/// The colours of the map's ground, for the light and dark schemes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ground {
    /// The sea.
    pub sea: RGBColor,
    /// Land.
    pub land: RGBColor,
    /// Borders.
    pub border: RGBColor,
    /// The outline around markers, which sets them off the land.
    pub halo: RGBColor,
}

impl Ground {
    /// The ground of the light or the dark scheme.
    pub fn of(dark: bool) -> Ground {
        if dark {
            Ground {
                sea: RGBColor(0x16, 0x1b, 0x22),
                land: RGBColor(0x2d, 0x33, 0x3b),
                border: RGBColor(0x4a, 0x52, 0x5c),
                halo: RGBColor(0x0d, 0x11, 0x17),
            }
        } else {
            Ground {
                sea: RGBColor(0xe8, 0xef, 0xf5),
                land: RGBColor(0xfa, 0xf9, 0xf5),
                border: RGBColor(0xb4, 0xb9, 0xbf),
                halo: RGBColor(0xff, 0xff, 0xff),
            }
        }
    }
}

/// A marker to draw: a cluster, and for a single event its precision.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Where and what.
    pub cluster: Cluster,
    /// The precision of a single event's location (`None` for a group).
    pub precision: Option<LocationPrecision>,
}

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Paints a frame: `v` is in CSS pixels, the area in device pixels (`dpr` per CSS pixel).
pub fn frame(
    area: &DrawingArea<PageCanvas, Shift>,
    v: &Viewport,
    dpr: f64,
    basemap: Option<&Basemap>,
    markers: &[Marker],
    colors: &CategoryColors,
    ground: Ground,
) {
    let _ = area.fill(&ground.sea);
    let px = |x: f32, y: f32| -> (i32, i32) {
        let (cx, cy) = v.to_px(f64::from(x), f64::from(y));
        ((cx * dpr).round() as i32, (cy * dpr).round() as i32)
    };
    if let Some(b) = basemap {
        let (w, h) = (v.width * dpr, v.height * dpr);
        for ring in &b.rings {
            let pts: Vec<(i32, i32)> = ring.iter().map(|&(x, y)| px(x, y)).collect();
            // Rings wholly off the canvas are skipped: most of the world at a regional zoom.
            let off = pts.iter().all(|p| f64::from(p.0) < 0.0)
                || pts.iter().all(|p| f64::from(p.0) > w)
                || pts.iter().all(|p| f64::from(p.1) < 0.0)
                || pts.iter().all(|p| f64::from(p.1) > h);
            if off || pts.len() < 3 {
                continue;
            }
            let _ = area.draw(&Polygon::new(pts.clone(), ground.land.filled()));
            let mut closed = pts;
            if let Some(&first) = closed.first() {
                closed.push(first);
            }
            let _ = area.draw(&PathElement::new(
                closed,
                ground.border.stroke_width(dpr.round().max(1.0) as u32),
            ));
        }
    }

    let line = |w: f64| (w * dpr).round().max(1.0) as u32;
    for m in markers {
        let c = &m.cluster;
        let at = ((c.px * dpr).round() as i32, (c.py * dpr).round() as i32);
        let color = rgb(colors.rgb(c.category as usize));
        let r = radius(c.count, dpr);
        match (c.count, m.precision) {
            (1, Some(LocationPrecision::Country)) => {
                // A ring: the point stands for the whole country, not for a place in it.
                let rr = (r * 1.9).round() as i32;
                let _ = area.draw(&Circle::new(at, rr, ground.halo.stroke_width(line(4.0))));
                let _ = area.draw(&Circle::new(at, rr, color.stroke_width(line(2.0))));
            }
            (1, precision) => {
                if precision == Some(LocationPrecision::District) {
                    let halo = color.mix(0.25).filled();
                    let _ = area.draw(&Circle::new(at, (r * 2.4).round() as i32, halo));
                }
                let rr = r.round() as i32;
                let _ = area.draw(&Circle::new(
                    at,
                    rr + line(1.0) as i32,
                    ground.halo.filled(),
                ));
                let _ = area.draw(&Circle::new(at, rr, color.filled()));
            }
            (n, _) => {
                let rr = r.round() as i32;
                let _ = area.draw(&Circle::new(
                    at,
                    rr + line(1.5) as i32,
                    ground.halo.filled(),
                ));
                let _ = area.draw(&Circle::new(at, rr, color.filled()));
                let ink = match colors.ink(c.category as usize) {
                    "#000000" | "#1b1f24" => BLACK,
                    _ => WHITE,
                };
                let style = ("system-ui, sans-serif", 11.0 * dpr)
                    .into_font()
                    .style(FontStyle::Bold)
                    .color(&ink)
                    .pos(Pos::new(HPos::Center, VPos::Center));
                let _ = area.draw(&Text::new(count_label(n), at, style));
            }
        }
    }
}

/// A cluster's count as shown: `7`, `512`, `1.2k`, `34k`.
pub fn count_label(n: u32) -> String {
    match n {
        0..=999 => n.to_string(),
        1000..=9_999 => format!("{:.1}k", f64::from(n) / 1000.0),
        _ => format!("{}k", n / 1000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts stay short enough to fit a marker.
    #[test]
    fn count_labels() {
        let cases = [
            (2, "2"),
            (999, "999"),
            (1000, "1.0k"),
            (1250, "1.2k"),
            (34_567, "34k"),
        ];
        for (n, want) in cases {
            assert_eq!(count_label(n), want);
        }
    }
}
