//! Colours for the canvases, which cannot read CSS variables: the theme (light or dark, as the
//! system says, matching `style/main.css`) and the dataset's category colours, parsed once.

use dyad_core::Dataset;

/// The canvas colours of one colour scheme; the same values as the `:root` variables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// The page background.
    pub bg: &'static str,
    /// Text.
    pub fg: &'static str,
    /// Secondary text and minor grid lines.
    pub muted: &'static str,
    /// Borders and lane separators.
    pub line: &'static str,
    /// Every other lane's background.
    pub stripe: &'static str,
    /// Milestones and the selected event.
    pub accent: &'static str,
    /// The keyboard cursor of the list, as the focus outline.
    pub focus: &'static str,
    /// Clusters mixing categories.
    pub group: &'static str,
}

const LIGHT: Theme = Theme {
    bg: "#ffffff",
    fg: "#1b1f24",
    muted: "#57606a",
    line: "#d0d7de",
    stripe: "#f6f8fa",
    accent: "#0a58ca",
    focus: "#d97706",
    group: "#475569",
};

const DARK: Theme = Theme {
    bg: "#0f1216",
    fg: "#e6e9ee",
    muted: "#9aa4b1",
    line: "#2d343d",
    stripe: "#161a20",
    accent: "#7cb8ff",
    focus: "#fbbf24",
    group: "#94a3b8",
};

impl Theme {
    /// The theme of a colour scheme: dark when the system asks for it (`prefers-color-scheme`,
    /// read through `leptos_use::use_preferred_dark` by the timeline's [`super::viewport`]).
    pub fn of(dark: bool) -> Theme {
        if dark {
            DARK
        } else {
            LIGHT
        }
    }
}

/// `#rrggbb` (or `#rgb`) as RGB; `None` for anything else.
pub fn hex_rgb(s: &str) -> Option<(u8, u8, u8)> {
    let h = s.trim().strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(h.get(i..i + len)?, 16).ok();
    match h.len() {
        6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => {
            let (r, g, b) = (digit(0, 1)?, digit(1, 1)?, digit(2, 1)?);
            Some((r * 17, g * 17, b * 17))
        }
        _ => None,
    }
}

/// Black or white, whichever reads better on `rgb`, by perceived brightness (ITU-R BT.601
/// weights; close enough to relative luminance here, without a `powf` in the wasm).
pub fn ink_on(rgb: (u8, u8, u8)) -> &'static str {
    let y = 299 * u32::from(rgb.0) + 587 * u32::from(rgb.1) + 114 * u32::from(rgb.2);
    if y > 150_000 {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// The fallback for a category whose colour does not parse (validation should prevent it).
const FALLBACK: (u8, u8, u8) = (128, 128, 128);

/// Each category's colour as CSS and the text colour that reads on it, by index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CategoryColors {
    /// CSS colour strings, `#rrggbb`.
    pub css: Vec<String>,
    /// Text colour on each.
    pub ink: Vec<&'static str>,
    /// The translucent fill of a band of each, `#rrggbbaa` at 45% (`73`): a colour rather than
    /// `globalAlpha`, so a frame of thousands of bands sets no state per band.
    pub band: Vec<String>,
}

impl CategoryColors {
    /// The colours of a dataset's categories.
    pub fn of(ds: &Dataset) -> Self {
        let rgb: Vec<(u8, u8, u8)> = ds
            .categories
            .iter()
            .map(|c| hex_rgb(&c.color).unwrap_or(FALLBACK))
            .collect();
        CategoryColors {
            css: rgb
                .iter()
                .map(|&(r, g, b)| format!("#{r:02x}{g:02x}{b:02x}"))
                .collect(),
            ink: rgb.iter().map(|&c| ink_on(c)).collect(),
            band: rgb
                .iter()
                .map(|&(r, g, b)| format!("#{r:02x}{g:02x}{b:02x}73"))
                .collect(),
        }
    }

    /// The translucent band fill of category `c`.
    pub fn band(&self, c: usize) -> &str {
        self.band.get(c).map_or("#80808073", String::as_str)
    }

    /// The CSS colour of category `c`.
    pub fn css(&self, c: usize) -> &str {
        self.css.get(c).map_or("#808080", String::as_str)
    }

    /// The colour of category `c` as RGB.
    pub fn rgb(&self, c: usize) -> (u8, u8, u8) {
        hex_rgb(self.css(c)).unwrap_or(FALLBACK)
    }

    /// The text colour on category `c`.
    pub fn ink(&self, c: usize) -> &'static str {
        self.ink.get(c).copied().unwrap_or("#ffffff")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both hex forms parse; anything else is refused.
    #[test]
    fn parses_hex() {
        let cases = [
            ("#332288", Some((0x33, 0x22, 0x88))),
            ("#E69F00", Some((0xe6, 0x9f, 0x00))),
            ("#fff", Some((255, 255, 255))),
            ("332288", None),
            ("#12345", None),
            ("#gggggg", None),
            ("#éé", None),
        ];
        for (s, want) in cases {
            assert_eq!(hex_rgb(s), want, "{s}");
        }
    }

    /// Each category's band fill is its colour at 45% opacity, as `#rrggbbaa`.
    #[test]
    fn band_fills() {
        let ds = dyad_core::validate::validate(dyad_core::synth::synth(20, 3)).unwrap();
        let colors = CategoryColors::of(&ds);
        assert_eq!(colors.band.len(), ds.categories.len());
        for (c, css) in colors.css.iter().enumerate() {
            assert_eq!(colors.band(c), format!("{css}73"), "category {c}");
            assert_eq!(colors.band(c).len(), 9);
        }
        assert_eq!(colors.band(usize::MAX), "#80808073");
    }

    /// Text is dark on light colours and light on dark ones.
    #[test]
    fn ink_contrasts() {
        let cases = [
            ((0xF0, 0xE4, 0x42), "#000000"),
            ((0x33, 0x22, 0x88), "#ffffff"),
            ((255, 255, 255), "#000000"),
            ((0, 0, 0), "#ffffff"),
        ];
        for (rgb, want) in cases {
            assert_eq!(ink_on(rgb), want, "{rgb:?}");
        }
    }
}
