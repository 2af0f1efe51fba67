//! Map geometry: the Web Mercator projection, the bounding boxes that the URL carries (`bbox=`
//! for the map's window, `area=` for the "filter to this area" filter), the viewport that fits a
//! box into a canvas and zooms and pans it, clustering of events by zoom level, and hit testing.
//!
//! Everything here is pure arithmetic so that the map page only draws what it is given, and the
//! rules (what a window is, which events a cluster holds, what is under the pointer) are tested
//! natively.
//!
//! # Coordinates
//!
//! Geographic points are `(lat, lon)` in degrees (WGS 84). [`project`] maps them onto the unit
//! square of Web Mercator: `x` from 0 (180° W) to 1 (180° E), `y` from 0 (85.05° N) to 1
//! (85.05° S); latitudes beyond [`MAX_LAT`] are clamped, as every web map does. A viewport
//! turns unit-square points into canvas pixels: `px = (x - x0) * scale`.
//!
//! # Boxes in URLs
//!
//! A box is written `W,S,E,N` (west, south, east, north, in degrees, as GeoJSON and OpenStreetMap
//! order them), each rounded to four decimals (about 11 m), trailing zeros left out:
//! `bbox=-12.5,10,5.25,25`. A box must have `W < E` and `S < N`, longitudes within [-180, 180]
//! and latitudes within [-90, 90]; it never crosses the antimeridian.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// The latitude where Web Mercator's square ends (north and south).
pub const MAX_LAT: f64 = 85.051_128_78;

/// Decimals kept when a box is written: four, about 11 m at the equator.
const DECIMALS: f64 = 1e4;

/// A geographic box, in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    /// Western edge (longitude).
    pub west: f64,
    /// Southern edge (latitude).
    pub south: f64,
    /// Eastern edge (longitude).
    pub east: f64,
    /// Northern edge (latitude).
    pub north: f64,
}

impl BBox {
    /// The whole of the map (Web Mercator's square).
    pub const WORLD: BBox = BBox {
        west: -180.0,
        south: -MAX_LAT,
        east: 180.0,
        north: MAX_LAT,
    };

    /// A box from its edges, if they make one: finite, in range, `west < east`, `south < north`.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<BBox, String> {
        let b = BBox {
            west,
            south,
            east,
            north,
        };
        if [west, south, east, north].iter().any(|v| !v.is_finite()) {
            return Err("every edge must be a number".into());
        }
        if !(-180.0..=180.0).contains(&west) || !(-180.0..=180.0).contains(&east) {
            return Err("longitudes must be within [-180, 180]".into());
        }
        if !(-90.0..=90.0).contains(&south) || !(-90.0..=90.0).contains(&north) {
            return Err("latitudes must be within [-90, 90]".into());
        }
        if west >= east {
            return Err("west must be less than east".into());
        }
        if south >= north {
            return Err("south must be less than north".into());
        }
        Ok(b)
    }

    /// Reads `W,S,E,N`, rounded as [`BBox::normalized`] rounds; the error says what is wrong.
    pub fn parse(text: &str) -> Result<BBox, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [w, s, e, n] = parts.as_slice() else {
            return Err(format!(
                "\"{text}\" is not a box; write WEST,SOUTH,EAST,NORTH in degrees, as -12.5,10,5.25,25"
            ));
        };
        let num = |v: &str| {
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("in \"{text}\": \"{v}\" is not a number"))
        };
        let b = BBox::new(num(w)?, num(s)?, num(e)?, num(n)?)
            .map_err(|e| format!("in \"{text}\": {e}"))?;
        b.normalized()
            .ok_or_else(|| format!("in \"{text}\": the box is too small to write"))
    }

    /// The canonical form: each edge rounded to four decimals. `None` when rounding leaves no
    /// box (edges closer than 0.0001°) or the edges are out of range.
    pub fn normalized(&self) -> Option<BBox> {
        let r = |v: f64| (v * DECIMALS).round() / DECIMALS;
        BBox::new(r(self.west), r(self.south), r(self.east), r(self.north)).ok()
    }

    /// `W,S,E,N` with at most four decimals (for a normalized box, exactly what
    /// [`BBox::parse`] reads back).
    pub fn to_param(&self) -> String {
        let r = |v: f64| {
            let v = (v * DECIMALS).round() / DECIMALS;
            // -0 writes as "-0"; the box means the same without the sign.
            if v == 0.0 {
                "0".to_string()
            } else {
                v.to_string()
            }
        };
        format!(
            "{},{},{},{}",
            r(self.west),
            r(self.south),
            r(self.east),
            r(self.north)
        )
    }

    /// Whether the point lies inside, edges included.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        lat >= self.south && lat <= self.north && lon >= self.west && lon <= self.east
    }

    /// [`BBox::contains`] for the `f32` coordinates of the filter's index; the edges are
    /// compared as `f32` too, so the indexed and the plain filter agree at the edges.
    pub fn contains_f32(&self, lat: f32, lon: f32) -> bool {
        lat >= self.south as f32
            && lat <= self.north as f32
            && lon >= self.west as f32
            && lon <= self.east as f32
    }
}

/// Projects `(lat, lon)` onto Web Mercator's unit square (`x` east, `y` south).
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon.clamp(-180.0, 180.0) + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The `(lat, lon)` of a point of the unit square (the inverse of [`project`]).
pub fn unproject(x: f64, y: f64) -> (f64, f64) {
    let lon = x * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * y);
    let lat = n.sinh().atan().to_degrees();
    (lat, lon)
}

/// Pixels of the whole world at zoom level 0 (the tile size of web maps).
pub const WORLD_PX: f64 = 256.0;
/// The closest zoom level the map goes to (a few hundred metres across a phone).
pub const MAX_ZOOM: f64 = 14.0;

/// What part of the unit square a canvas shows: `px = (x - x0) * scale`, `py = (y - y0) * scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Unit-square x at the canvas's left edge.
    pub x0: f64,
    /// Unit-square y at the canvas's top edge.
    pub y0: f64,
    /// Canvas pixels per unit of the square (`WORLD_PX * 2^zoom`).
    pub scale: f64,
    /// Canvas width in pixels.
    pub width: f64,
    /// Canvas height in pixels.
    pub height: f64,
}

impl Viewport {
    /// The viewport of a `width` × `height` canvas that shows all of `b`, centred, as large as
    /// fits (and no closer than [`MAX_ZOOM`], no farther than the world filling the canvas).
    pub fn fit(b: &BBox, width: f64, height: f64) -> Viewport {
        let (width, height) = (width.max(1.0), height.max(1.0));
        let (x1, y1) = project(b.north, b.west);
        let (x2, y2) = project(b.south, b.east);
        let (bw, bh) = ((x2 - x1).max(1e-12), (y2 - y1).max(1e-12));
        let scale = (width / bw).min(height / bh);
        let v = Viewport {
            x0: 0.0,
            y0: 0.0,
            scale,
            width,
            height,
        };
        v.centred_on((x1 + x2) / 2.0, (y1 + y2) / 2.0)
    }

    /// The same scale (clamped to the zoom range), moved so that `(cx, cy)` is at the centre,
    /// and kept over the world: a side of the world is never pulled inside the canvas.
    fn centred_on(self, cx: f64, cy: f64) -> Viewport {
        // Farthest out: the whole world fits the canvas's shorter side.
        let max_scale = WORLD_PX * 2f64.powf(MAX_ZOOM);
        let min_scale = self.width.min(self.height).min(max_scale);
        let scale = if self.scale.is_finite() {
            self.scale.clamp(min_scale, max_scale)
        } else {
            min_scale
        };
        let (vw, vh) = (self.width / scale, self.height / scale);
        let keep = |c: f64, span: f64| {
            if span >= 1.0 {
                0.5 - span / 2.0
            } else {
                (c - span / 2.0).clamp(0.0, 1.0 - span)
            }
        };
        Viewport {
            x0: keep(cx, vw),
            y0: keep(cy, vh),
            scale,
            ..self
        }
    }

    /// The zoom level: 0 shows the world in 256 pixels, each level doubles.
    pub fn zoom(&self) -> f64 {
        (self.scale / WORLD_PX).log2()
    }

    /// Canvas pixel of a unit-square point.
    pub fn to_px(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.x0) * self.scale, (y - self.y0) * self.scale)
    }

    /// Unit-square point under a canvas pixel.
    pub fn to_unit(&self, px: f64, py: f64) -> (f64, f64) {
        (self.x0 + px / self.scale, self.y0 + py / self.scale)
    }

    /// The viewport zoomed by `factor` (2 is one level closer) about the canvas pixel
    /// `(px, py)`, which stays where it is (unless the world's edge or the zoom range stops it).
    pub fn zoom_at(&self, factor: f64, px: f64, py: f64) -> Viewport {
        let (ux, uy) = self.to_unit(px, py);
        let scale = self.scale * factor;
        let v = Viewport { scale, ..*self };
        // Where the centre must be for (ux, uy) to stay under (px, py) at the new scale.
        let cx = ux - px / scale + self.width / 2.0 / scale;
        let cy = uy - py / scale + self.height / 2.0 / scale;
        v.centred_on(cx, cy)
    }

    /// The viewport moved by `(dx, dy)` canvas pixels (content follows the pointer: a drag to
    /// the right shows what lies west).
    pub fn pan(&self, dx: f64, dy: f64) -> Viewport {
        let (cx, cy) = self.to_unit(self.width / 2.0 - dx, self.height / 2.0 - dy);
        self.centred_on(cx, cy)
    }

    /// The geographic box the canvas shows, normalized for the URL (the world when rounding
    /// would leave nothing).
    pub fn bbox(&self) -> BBox {
        let (north, west) = unproject(self.x0.max(0.0), self.y0.max(0.0));
        let (x1, y1) = self.to_unit(self.width, self.height);
        let (south, east) = unproject(x1.min(1.0), y1.min(1.0));
        BBox {
            west,
            south,
            east,
            north,
        }
        .normalized()
        .unwrap_or(BBox::WORLD)
    }
}

/// Zoom levels from which events are no longer clustered: each is drawn alone.
pub const CLUSTER_UNTIL_ZOOM: u32 = 11;
/// A cluster cell's side at its zoom level, in canvas pixels.
pub const CELL_PX: f64 = 40.0;

/// An event placed on the map: its position in the dataset, the unit-square point, its
/// category, and whether its point stands for a country.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Position in `Dataset::events`.
    pub event: usize,
    /// Unit-square x.
    pub x: f32,
    /// Unit-square y.
    pub y: f32,
    /// The event's category index.
    pub category: u32,
}

/// Events grouped on the map: one marker, with their count and their most common category.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Canvas x of the marker (the mean of its events' points).
    pub px: f64,
    /// Canvas y of the marker.
    pub py: f64,
    /// How many events it holds.
    pub count: u32,
    /// The first of its events (in the order given), the one a single marker stands for.
    pub event: usize,
    /// Its most common category (the earliest seen among equals).
    pub category: u32,
}

/// Groups the events inside the viewport (with a margin of one cell, so that markers at the
/// edge are drawn) by a grid fixed in the unit square, whose cells are [`CELL_PX`] wide at the
/// viewport's whole zoom level: the same events share a marker wherever the map is panned, and
/// groups split as the user zooms in. From [`CLUSTER_UNTIL_ZOOM`] on, each event is its own
/// marker. Clusters come in the order of their first event.
pub fn cluster(placed: &[Placed], v: &Viewport) -> Vec<Cluster> {
    let level = v.zoom().floor().max(0.0) as u32;
    let grouped = level < CLUSTER_UNTIL_ZOOM;
    let cell = CELL_PX / (WORLD_PX * 2f64.powi(level as i32));
    let margin = CELL_PX / v.scale;
    let (ux0, uy0) = (v.x0 - margin, v.y0 - margin);
    let (ux1, uy1) = v.to_unit(v.width, v.height);
    let (ux1, uy1) = (ux1 + margin, uy1 + margin);

    struct Acc {
        sx: f64,
        sy: f64,
        count: u32,
        event: usize,
        cats: Vec<(u32, u32)>,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut cells: HashMap<(i64, i64), usize> = HashMap::new();
    for p in placed {
        let (x, y) = (f64::from(p.x), f64::from(p.y));
        if x < ux0 || x > ux1 || y < uy0 || y > uy1 {
            continue;
        }
        let slot = if grouped {
            let key = ((x / cell).floor() as i64, (y / cell).floor() as i64);
            match cells.get(&key) {
                Some(&k) => Some(k),
                None => {
                    cells.insert(key, accs.len());
                    None
                }
            }
        } else {
            None
        };
        match slot.and_then(|k| accs.get_mut(k)) {
            Some(a) => {
                a.sx += x;
                a.sy += y;
                a.count += 1;
                match a.cats.iter_mut().find(|(c, _)| *c == p.category) {
                    Some((_, n)) => *n += 1,
                    None => a.cats.push((p.category, 1)),
                }
            }
            None => accs.push(Acc {
                sx: x,
                sy: y,
                count: 1,
                event: p.event,
                cats: vec![(p.category, 1)],
            }),
        }
    }
    accs.into_iter()
        .map(|a| {
            let n = f64::from(a.count);
            let (px, py) = v.to_px(a.sx / n, a.sy / n);
            // The first category with the highest count (max_by_key would take the last).
            let mut best = (0u32, 0u32);
            for &(c, k) in &a.cats {
                if k > best.1 {
                    best = (c, k);
                }
            }
            Cluster {
                px,
                py,
                count: a.count,
                event: a.event,
                category: best.0,
            }
        })
        .collect()
}

/// The radius in canvas pixels of a cluster's marker: a single event's dot, growing with the
/// logarithm of the count.
pub fn radius(count: u32, unit: f64) -> f64 {
    if count <= 1 {
        5.0 * unit
    } else {
        (9.0 + 3.0 * f64::from(count).log10()) * unit
    }
}

/// The cluster under the canvas pixel `(px, py)`: the nearest whose marker (of radius
/// [`radius`] times `unit`, plus `slack` pixels for fingers) contains it; the later of two
/// equally near, since it is drawn on top.
pub fn hit(clusters: &[Cluster], px: f64, py: f64, unit: f64, slack: f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (k, c) in clusters.iter().enumerate() {
        let d = ((c.px - px).powi(2) + (c.py - py).powi(2)).sqrt();
        if d <= radius(c.count, unit) + slack && best.is_none_or(|(_, bd)| d <= bd) {
            best = Some((k, d));
        }
    }
    best.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() <= eps
    }

    /// Projection corners and the round trip through `unproject`.
    #[test]
    fn projection() {
        let cases = [
            ((0.0, 0.0), (0.5, 0.5)),
            ((0.0, -180.0), (0.0, 0.5)),
            ((0.0, 180.0), (1.0, 0.5)),
            ((MAX_LAT, 0.0), (0.5, 0.0)),
            ((-MAX_LAT, 0.0), (0.5, 1.0)),
            ((89.9, 0.0), (0.5, 0.0)),
        ];
        for ((lat, lon), (x, y)) in cases {
            let (px, py) = project(lat, lon);
            assert!(
                close(px, x, 1e-9) && close(py, y, 1e-6),
                "{lat},{lon} -> {px},{py}"
            );
        }
        for (lat, lon) in [(12.64, -8.0), (-33.9, 18.4), (55.76, 37.62), (0.0, 0.0)] {
            let (x, y) = project(lat, lon);
            let (la, lo) = unproject(x, y);
            assert!(close(la, lat, 1e-9) && close(lo, lon, 1e-9), "{lat},{lon}");
        }
    }

    /// Boxes read from URLs: the good ones round-trip canonically, the bad ones say why.
    #[test]
    fn bbox_params() {
        let good = [
            ("-12.5,10,5.25,25", "-12.5,10,5.25,25"),
            (" -12.50 , 10.0,5.25 ,25 ", "-12.5,10,5.25,25"),
            ("-12.123456,10,5,25", "-12.1235,10,5,25"),
            ("-180,-90,180,90", "-180,-90,180,90"),
            ("-0.00001,0,1,1", "0,0,1,1"),
        ];
        for (text, want) in good {
            let b = BBox::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(b.to_param(), want, "{text}");
            assert_eq!(BBox::parse(&b.to_param()), Ok(b), "{text} round trip");
        }
        let bad = [
            ("1,2,3", "\"1,2,3\" is not a box; write WEST,SOUTH,EAST,NORTH in degrees, as -12.5,10,5.25,25"),
            ("a,2,3,4", "in \"a,2,3,4\": \"a\" is not a number"),
            ("1,2,3,NaN", "in \"1,2,3,NaN\": \"NaN\" is not a number"),
            ("1,2,inf,4", "in \"1,2,inf,4\": \"inf\" is not a number"),
            ("-200,0,10,10", "in \"-200,0,10,10\": longitudes must be within [-180, 180]"),
            ("0,-95,10,10", "in \"0,-95,10,10\": latitudes must be within [-90, 90]"),
            ("10,0,0,10", "in \"10,0,0,10\": west must be less than east"),
            ("0,10,10,10", "in \"0,10,10,10\": south must be less than north"),
            ("0,0,0.00001,1", "in \"0,0,0.00001,1\": the box is too small to write"),
        ];
        for (text, want) in bad {
            assert_eq!(BBox::parse(text), Err(want.to_string()), "{text}");
        }
    }

    /// Edges belong to the box, in both precisions.
    #[test]
    fn contains() {
        let b = BBox::new(-10.0, 10.0, 5.0, 20.0).unwrap();
        let cases = [
            ((15.0, 0.0), true),
            ((10.0, -10.0), true),
            ((20.0, 5.0), true),
            ((9.99, 0.0), false),
            ((15.0, 5.01), false),
            ((25.0, 0.0), false),
        ];
        for ((lat, lon), want) in cases {
            assert_eq!(b.contains(lat, lon), want, "{lat},{lon}");
            assert_eq!(
                b.contains_f32(lat as f32, lon as f32),
                want,
                "{lat},{lon} f32"
            );
        }
    }

    /// Fitting a box shows all of it, and the box read back contains it; zooming keeps the
    /// point under the pointer; panning moves content with the pointer; the world's edge and
    /// the zoom range hold.
    #[test]
    fn viewport() {
        let sahel = BBox::new(-17.0, 10.0, 16.0, 25.0).unwrap();
        for (w, h) in [(800.0, 500.0), (375.0, 500.0), (1200.0, 300.0)] {
            let v = Viewport::fit(&sahel, w, h);
            let shown = v.bbox();
            assert!(
                shown.west <= sahel.west + 1e-3
                    && shown.east >= sahel.east - 1e-3
                    && shown.south <= sahel.south + 1e-3
                    && shown.north >= sahel.north - 1e-3,
                "{w}x{h}: {shown:?}"
            );
            // Fitting what is shown shows the same again (a reload reproduces the window).
            let again = Viewport::fit(&shown, w, h).bbox();
            for (a, b) in [
                (again.west, shown.west),
                (again.east, shown.east),
                (again.south, shown.south),
                (again.north, shown.north),
            ] {
                assert!(close(a, b, 2e-3), "{w}x{h}: {again:?} vs {shown:?}");
            }
        }

        let v = Viewport::fit(&sahel, 800.0, 500.0);
        let z = v.zoom_at(2.0, 200.0, 100.0);
        assert!(close(z.zoom(), v.zoom() + 1.0, 1e-9));
        let (a, b) = (v.to_unit(200.0, 100.0), z.to_unit(200.0, 100.0));
        assert!(close(a.0, b.0, 1e-12) && close(a.1, b.1, 1e-12));

        let p = v.pan(100.0, -50.0);
        let (x, y) = v.to_unit(400.0, 250.0);
        let (px, py) = p.to_px(x, y);
        assert!(
            close(px, 500.0, 1e-6) && close(py, 200.0, 1e-6),
            "{px},{py}"
        );

        // Zooming far out stops at the world; far in at MAX_ZOOM.
        let out = v.zoom_at(1e-6, 0.0, 0.0);
        assert!(close(out.scale, 500.0, 1e-9), "{out:?}");
        assert!(v.zoom_at(1e9, 0.0, 0.0).zoom() <= MAX_ZOOM + 1e-9);
        // Panning far east stops with the world's east edge at the canvas's.
        let east = v.pan(-1e9, 0.0);
        assert!(close(east.to_px(1.0, 0.0).0, 800.0, 1e-6));
    }

    fn placed(points: &[(f64, f64, u32)]) -> Vec<Placed> {
        points
            .iter()
            .enumerate()
            .map(|(i, &(lat, lon, category))| {
                let (x, y) = project(lat, lon);
                Placed {
                    event: i,
                    x: x as f32,
                    y: y as f32,
                    category,
                }
            })
            .collect()
    }

    /// Near points share a marker at low zoom and split when zoomed in; points off the canvas
    /// are left out; the marker's category is the most common.
    #[test]
    fn clustering() {
        let pts = placed(&[
            (12.64, -8.00, 1), // Bamako
            (12.70, -7.95, 2),
            (12.60, -8.05, 2),
            (16.27, -0.04, 3), // Gao
            (55.76, 37.62, 1), // Moscow, off the Sahel canvas
        ]);
        let sahel = BBox::new(-17.0, 10.0, 16.0, 25.0).unwrap();
        let v = Viewport::fit(&sahel, 800.0, 500.0);
        let c = cluster(&pts, &v);
        let summary: Vec<(u32, usize, u32)> =
            c.iter().map(|c| (c.count, c.event, c.category)).collect();
        assert_eq!(summary, [(3, 0, 2), (1, 3, 3)]);
        let (bx, by) = v.to_px(project(12.64, -8.0).0, project(12.64, -8.0).1);
        assert!(close(c[0].px, bx, 10.0) && close(c[0].py, by, 10.0));

        // Zoomed in on Bamako past CLUSTER_UNTIL_ZOOM: three markers.
        let bamako = BBox::new(-8.1, 12.55, -7.9, 12.75).unwrap();
        let close_in = Viewport::fit(&bamako, 800.0, 500.0);
        assert!(close_in.zoom() >= f64::from(CLUSTER_UNTIL_ZOOM));
        let c = cluster(&pts, &close_in);
        assert_eq!(c.iter().map(|c| c.count).collect::<Vec<_>>(), [1, 1, 1]);

        // The world: everything, the Sahel in one group.
        let world = Viewport::fit(&BBox::WORLD, 800.0, 500.0);
        let total: u32 = cluster(&pts, &world).iter().map(|c| c.count).sum();
        assert_eq!(total, 5);
    }

    /// Hit testing finds the nearest marker within its radius plus slack, and nothing beside.
    #[test]
    fn hits() {
        let c = |px: f64, py: f64, count: u32| Cluster {
            px,
            py,
            count,
            event: 0,
            category: 0,
        };
        let clusters = [c(100.0, 100.0, 1), c(108.0, 100.0, 1), c(300.0, 300.0, 50)];
        let cases = [
            ((100.0, 100.0), Some(0)),
            ((105.0, 100.0), Some(1)),
            ((103.0, 100.0), Some(0)),
            ((104.0, 100.0), Some(1)),
            ((300.0, 314.0), Some(2)),
            ((300.0, 330.0), None),
            ((200.0, 200.0), None),
        ];
        for ((x, y), want) in cases {
            assert_eq!(hit(&clusters, x, y, 1.0, 2.0), want, "{x},{y}");
        }
        assert_eq!(radius(1, 2.0), 10.0);
        assert!(radius(1000, 1.0) > radius(10, 1.0));
    }
}
