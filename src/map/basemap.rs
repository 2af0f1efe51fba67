//! The basemap: Natural Earth's country shapes, which `scripts/basemap.mjs` writes into
//! `basemap.json` at build time. The map page fetches the file the first time it is opened (it is
//! not part of the app shell), decodes it here and projects every ring once, so a frame only
//! scales and shifts points.

use std::sync::Arc;

use dyad_core::map::project;
use serde::Deserialize;

/// The file as written: rings of whole hundredths of a degree, the first point absolute and the
/// rest as differences (see `scripts/basemap.mjs`).
#[derive(Debug, Deserialize)]
struct File {
    credit: String,
    countries: Vec<Country>,
}

#[derive(Debug, Deserialize)]
struct Country {
    rings: Vec<Vec<i32>>,
}

/// The country shapes, projected onto the unit square of Web Mercator.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Basemap {
    /// Every ring of every country, as unit-square points `(x, y)`.
    pub rings: Vec<Vec<(f32, f32)>>,
    /// The credit line the file carries.
    pub credit: String,
}

impl Basemap {
    /// Decodes the file's text; `None` if it is not a basemap.
    pub fn parse(text: &str) -> Option<Basemap> {
        let file: File = serde_json::from_str(text).ok()?;
        let rings = file
            .countries
            .iter()
            .flat_map(|c| c.rings.iter())
            .map(|flat| {
                let (mut lon, mut lat) = (0i32, 0i32);
                flat.chunks_exact(2)
                    .enumerate()
                    .map(|(k, d)| {
                        if k == 0 {
                            (lon, lat) = (d[0], d[1]);
                        } else {
                            lon = lon.saturating_add(d[0]);
                            lat = lat.saturating_add(d[1]);
                        }
                        let (x, y) = project(f64::from(lat) / 100.0, f64::from(lon) / 100.0);
                        (x as f32, y as f32)
                    })
                    .collect()
            })
            .collect();
        Some(Basemap {
            rings,
            credit: file.credit,
        })
    }
}

/// Fetches and decodes `basemap.json` at the app's root (`base` is the app's base path without
/// its trailing slash, as `AppState::base`); `None` when it is missing or broken, and the map is
/// then drawn without it.
pub async fn load(base: &str) -> Option<Arc<Basemap>> {
    let url = format!("{base}/basemap.json");
    let text = crate::data::fetch_text(&url).await?;
    Basemap::parse(&text).map(Arc::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rings decode from their differences and project onto the unit square; a broken file
    /// gives nothing.
    #[test]
    fn decodes() {
        let text = r#"{"credit":"Country shapes: Natural Earth","countries":[
            {"id":"466","rings":[[0,0,1800,0,0,1000,-1800,-1000]]},{"rings":[]}]}"#;
        let b = Basemap::parse(text).unwrap();
        assert_eq!(b.credit, "Country shapes: Natural Earth");
        assert_eq!(b.rings.len(), 1);
        let r = &b.rings[0];
        assert_eq!(r.len(), 4);
        assert_eq!(r[0], (0.5, 0.5));
        assert_eq!(r[1].0, 0.55);
        assert!(r[2].1 < 0.5, "north is up: {:?}", r[2]);
        assert_eq!(r[3], (0.5, 0.5));
        assert!(Basemap::parse("{}").is_none());
        assert!(Basemap::parse("not json").is_none());
    }
}
