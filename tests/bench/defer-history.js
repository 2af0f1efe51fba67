// For tests/bench/compare.mjs --init-b: what the app would gain if it wrote the URL after the
// paint instead of during the change. history.pushState / replaceState are deferred to a task
// queued from the next animation frame (as src/perf.rs `after_paint`), and successive calls in
// between are coalesced into the last one (a push stays a push). The app reads its state from
// its own signal, not from location, so it sees no difference.
(() => {
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  let pending = null;
  const flush = () => {
    const p = pending;
    pending = null;
    if (p) (p.push ? push : replace)(p.state, '', p.url);
  };
  const defer = (isPush) => (state, title, url) => {
    if (!pending) requestAnimationFrame(() => setTimeout(flush, 0));
    pending = { push: isPush || (pending && pending.push), state, url };
  };
  history.pushState = defer(true);
  history.replaceState = defer(false);
})();
