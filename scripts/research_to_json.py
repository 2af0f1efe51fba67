#!/usr/bin/env python3
"""Build public/data/sahel.json from the research notes plus an editorial layer.

Provenance, in two layers:

* Mechanical fields come straight from the research notes
  (data/sahel/sahel-events.md, one fenced YAML block per event): id, date and precision,
  category, actors (through the explicit ACTORS table below), sources (publisher and URL
  verbatim, publication date, "unknown (...)" remarks turned into a source note) and the
  verification level.
* Editorial fields come from data/sahel/editorial.yaml: titles and summaries written for
  Dyad (not copied from the notes), the caveats rewritten as event notes, tone overrides,
  milestones, end dates of multi-day events and locations (place, country, coordinates and
  their precision), or for an event with no place the reason (`no_location`, not published).
  The coordinates must match the event's `location:` evidence line in the notes.

Source types are assigned per publisher string in SOURCE_TYPES; the rules are explained in
docs/methodology.md. The script refuses to run if anything is unmapped, if the two layers
disagree on the set of events, or if the editorial text contains a URL.

Usage (from the repository root; needs Python 3.11 and PyYAML):

    python3 scripts/research_to_json.py [path/to/sahel-events.md] [out.json]

The default notes path is data/sahel/sahel-events.md, the project's copy and the source of
truth (the shared research copy it came from is no longer updated). This is a developer tool,
not part of the build.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EDITORIAL = ROOT / "data" / "sahel" / "editorial.yaml"
DEFAULT_OUT = ROOT / "public" / "data" / "sahel.json"
NOTES = ROOT / "data" / "sahel" / "sahel-events.md"

META = {
    "id": "sahel-russia-mali",
    "title": "Russia–Mali and the Sahel, 1960–2025",
    "description": (
        "Ninety-nine dated events tracing relations between Mali and the Soviet Union, then "
        "Russia, from the establishment of diplomatic relations in 1960 to the Wagner Group's "
        "replacement by the "
        "Russian Africa Corps in 2025, set against the wider Sahel story: the coups of 2012, "
        "2020 and 2021, France's intervention and withdrawal, the rise and end of the UN "
        "mission MINUSMA, sanctions, arms deliveries, atrocities documented by the UN and "
        "human-rights groups, resource deals, the creation of the Alliance of Sahel States "
        "and its break with ECOWAS. Every event cites the sources it was checked against."
    ),
    "version": "1.2.0",
    "updated": "2026-12-08",
    "license": (
        "Compiled for Dyad. Titles, summaries and notes: CC BY 4.0. Each linked source "
        "belongs to its publisher and is cited, not reproduced."
    ),
}

# The 13 categories of the notes. Colours: the Okabe–Ito palette without black (7) plus six
# colours of Paul Tol's "muted" scheme (indigo, wine, olive, rose, green, teal); Tol's cyan,
# sand and purple are left out as near-duplicates of Okabe–Ito's sky blue, yellow and reddish
# purple. Tones follow the spirit of the Goldstein conflict-cooperation scale.
CATEGORIES = [
    ("military_agreement", "Military agreement",
     "A treaty, agreement or protocol on defence or security cooperation, or its termination.",
     6.0, "#332288"),
    ("arms_transfer", "Arms transfer",
     "A contract for, or delivery of, weapons, military aircraft or other military equipment.",
     5.0, "#E69F00"),
    ("deployment", "Deployment",
     "Foreign forces or private military personnel arriving in, operating in or leaving a country.",
     4.0, "#44AA99"),
    ("security_incident", "Security incident",
     "An attack, battle, massacre or other act of armed violence, or the violent death of a leader.",
     -7.0, "#D55E00"),
    ("coup", "Coup",
     "A seizure of power by the military, or an attempt the authorities say they foiled.",
     -8.0, "#882255"),
    ("diplomatic", "Diplomatic",
     "Relations between governments: visits, talks, recognitions, expulsions, recalls, ruptures.",
     1.0, "#0072B2"),
    ("sanctions", "Sanctions",
     "Imposing, extending or lifting sanctions, designations or embargoes.",
     -5.0, "#CC6677"),
    ("resource_concession", "Mining and resources",
     "Mining law, concessions, refining, or state action over mineral assets and mining firms.",
     4.0, "#117733"),
    ("economic_agreement", "Economic agreement",
     "An agreement or project on trade, energy, supplies or economic cooperation.",
     5.0, "#009E73"),
    ("human_rights_report", "Human-rights report",
     "A report or call by the UN or a human-rights organisation on abuses.",
     -4.0, "#CC79A7"),
    ("humanitarian", "Humanitarian",
     "Aid in food, fertiliser, fuel or other relief, donated or pledged.",
     6.0, "#F0E442"),
    ("disinformation", "Disinformation",
     "A documented influence or disinformation operation, or its takedown.",
     -3.0, "#999933"),
    ("multilateral", "Multilateral",
     "Decisions in or about international organisations: mandates, vetoes, joining or leaving.",
     0.0, "#56B4E9"),
]

STATES = {
    "SUN": ("Soviet Union", ["USSR", "URSS"]),
    "MLI": ("Mali", []),
    "RUS": ("Russia", ["Russian Federation"]),
    "FRA": ("France", []),
    "BFA": ("Burkina Faso", []),
    "NER": ("Niger", []),
    "TCD": ("Chad", []),
    "MRT": ("Mauritania", []),
    "GBR": ("United Kingdom", ["UK", "Britain"]),
    "DEU": ("Germany", []),
    "CAN": ("Canada", []),
    "BEL": ("Belgium", []),
    "CZE": ("Czech Republic", ["Czechia"]),
    "DNK": ("Denmark", []),
    "EST": ("Estonia", []),
    "ITA": ("Italy", []),
    "LTU": ("Lithuania", []),
    "NLD": ("Netherlands", []),
    "NOR": ("Norway", []),
    "PRT": ("Portugal", []),
    "ROU": ("Romania", []),
    "SWE": ("Sweden", []),
    "CHN": ("China", []),
    "KEN": ("Kenya", []),
    "GHA": ("Ghana", []),
    "GAB": ("Gabon", []),
    "CIV": ("Côte d'Ivoire", ["Ivory Coast"]),
    "USA": ("United States", ["US", "USA"]),
    "ARE": ("United Arab Emirates", ["UAE"]),
    "CAF": ("Central African Republic", ["CAR"]),
    "SDN": ("Sudan", []),
    "GIN": ("Guinea", []),
    "DZA": ("Algeria", []),
    "UKR": ("Ukraine", []),
    "SEN": ("Senegal", []),
    "TGO": ("Togo", []),
}

# State succession: successor -> the state it succeeds (the Russian Federation is the USSR's
# continuator, recognised as such by Mali in 1992: event mali-recognises-russian-federation-1992).
SUCCEEDS = {"RUS": "SUN"}

# Every non-state actor string of the notes -> (id, name, kind, affiliation, aliases).
# CSP-PSD and CSP-DPA are two successive names of the same rebel coalition, so one actor.
OTHERS = {
    "UN": ("un", "United Nations", "international_organisation", None, ["UN", "ONU"]),
    "MINUSMA": ("minusma",
                "United Nations Multidimensional Integrated Stabilization Mission in Mali",
                "international_organisation", "un", ["MINUSMA"]),
    "ECOWAS": ("ecowas", "Economic Community of West African States",
               "international_organisation", None, ["ECOWAS", "CEDEAO"]),
    "EU": ("eu", "European Union", "international_organisation", None, ["EU", "UE"]),
    "AES": ("aes", "Alliance of Sahel States", "international_organisation", None,
            ["AES", "Alliance des États du Sahel", "Confederation of Sahel States"]),
    "G5 Sahel": ("g5-sahel", "G5 Sahel", "international_organisation", None,
                 ["Group of Five for the Sahel"]),
    "ICC": ("icc", "International Criminal Court", "international_organisation", None,
            ["ICC", "CPI"]),
    "Wagner Group": ("wagner-group", "Wagner Group", "armed_group", "RUS",
                     ["Wagner", "PMC Wagner"]),
    "Africa Corps": ("africa-corps", "Africa Corps", "armed_group", "RUS", []),
    "JNIM": ("jnim", "Jama'at Nusrat al-Islam wal-Muslimin", "armed_group", None,
             ["JNIM", "GSIM", "Group for the Support of Islam and Muslims"]),
    "CSP-PSD": ("csp", "Permanent Strategic Framework (CSP)", "armed_group", None,
                ["CSP", "CSP-PSD", "CSP-DPA",
                 "Cadre stratégique permanent pour la paix, la sécurité et le développement",
                 "Cadre stratégique permanent pour la défense du peuple de l'Azawad"]),
    "CSP-DPA": ("csp", None, None, None, None),  # same actor as CSP-PSD
    "Rosatom": ("rosatom", "Rosatom", "company", "RUS",
                ["State Atomic Energy Corporation Rosatom"]),
    "Yadran Group": ("yadran-group", "Yadran Group", "company", None, ["Yadran"]),
    "Barrick Gold": ("barrick-gold", "Barrick Gold", "company", None, ["Barrick"]),
    "Facebook": ("facebook", "Facebook", "company", None, ["Meta"]),
    "HRW": ("hrw", "Human Rights Watch", "other", None, ["HRW"]),
}

# Every publisher string of the notes -> source type. Rules (docs/methodology.md):
# the type follows whoever wrote the text as seen. Syndicated agency copy takes the agency's
# type; a page that reproduces an official, UN or NGO text verbatim takes its author's type.
# State-controlled outlets without a legal guarantee of editorial independence (Russian,
# Chinese, Turkish, teleSUR, Mali's L'Essor) are state_media; publicly funded broadcasters
# with statutory independence (BBC, DW, RFI, France 24, VOA) are media. Wikis are other.
SM, MEDIA, GOV, UN_, NGO, OTHER = "state_media", "media", "government", "un", "ngo", "other"
SOURCE_TYPES = {
    "21st Century Chronicle": MEDIA,
    "247ureports": MEDIA,
    "45eNord.ca (citing Interfax)": MEDIA,
    "7News": MEDIA,
    "ACO News": MEDIA,
    "AP": MEDIA,
    "APA News": MEDIA,
    "Abamako": MEDIA,
    "Abamako (RFI)": MEDIA,
    "Actual News Magazine": MEDIA,
    "Africa China Press Centre (Xinhua)": SM,
    "Africa.com": MEDIA,
    "Africa24": MEDIA,
    "African Initiative (afrinz.ru)": SM,
    "African Initiative (afrinz.ru, Arabic)": SM,
    "African Military Blog": OTHER,
    "African Perceptions (text of resolution 2690 citing S/2023/463)": UN_,
    "Africanews": MEDIA,
    "Africanews (AFP)": MEDIA,
    "Africanews (AFP, on the OHCHR report)": MEDIA,
    "Africanews (AP)": MEDIA,
    "Africascoop": MEDIA,
    "Afrik.com (citing SIPRI)": MEDIA,
    "Afrinik": MEDIA,
    "Afrireporters": MEDIA,
    "AiF (Argumenty i Fakty)": SM,
    "Air & Cosmos": MEDIA,
    "Al Arabiya": MEDIA,
    "Al Arabiya (Reuters)": MEDIA,
    "Al Jazeera": MEDIA,
    "Al Jazeera (\"Mali mutiny 'topples' President Toure\")": MEDIA,
    "AllAfrica": MEDIA,
    "AllAfrica (Agenzia Fides)": MEDIA,
    "AllAfrica (DW)": MEDIA,
    "AllAfrica (HRW release)": NGO,
    "AllAfrica (UN press release, French)": UN_,
    "AltAfrica": MEDIA,
    "Alwihda Info (Malian army version)": MEDIA,
    "Anadolu via aNews": SM,
    "Arab News (AP)": MEDIA,
    "Archyde (RFI)": MEDIA,
    "Arquus": OTHER,
    "Atalayar": MEDIA,
    "BNN Bloomberg": MEDIA,
    "Barbados Gazette": MEDIA,
    "Benin Web TV": MEDIA,
    "Benin Web TV (quoting the Russian embassy)": MEDIA,
    "Bloomberg Technoz (on the MoD taking control of Wagner operations)": MEDIA,
    "Breaking Latest News": MEDIA,
    "BusinessGhana (BBC)": MEDIA,
    "BusinessLIVE (Reuters)": MEDIA,
    "CDHRVTA (mirror of HRW release, photo caption)": NGO,
    "Connection Ivoirienne (Financial Afrik)": MEDIA,
    "CultureRu (Rosatom release)": GOV,
    "DW (AFP/Reuters)": MEDIA,
    "Daily Africa News (Anadolu)": SM,
    "Daily Guide Network": MEDIA,
    "Daily Local News (AP timeline)": MEDIA,
    "Daily Mail (Reuters)": MEDIA,
    "Daily News Craft": MEDIA,
    "Daily News EN (AFP)": MEDIA,
    "Daily Sabah (AFP)": MEDIA,
    "Daily Tribune (AFP)": MEDIA,
    "Dakaractu": MEDIA,
    "Dakarposte": MEDIA,
    "David Shinn blog (summarising Reuters, J. Irish & D. Lewis)": OTHER,
    "Dayton Daily News (AP)": MEDIA,
    "Defense-Aerospace (Russian MoD release)": GOV,
    "Devdiscourse (ANI/Sputnik)": SM,
    "Devdiscourse (Reuters)": MEDIA,
    "Duma TV": SM,
    "EIR": MEDIA,
    "ENA": MEDIA,
    "EOT (eu.eot.su)": OTHER,
    "ETV Bharat (AFP)": MEDIA,
    "EUobserver": MEDIA,
    "Ecofin Agency": MEDIA,
    "Elnashra (Arabic)": MEDIA,
    "Emirate Today (Le Monde)": MEDIA,
    "Empreinte News": MEDIA,
    "Euronews (French)": MEDIA,
    "ExBulletin (CNN)": MEDIA,
    "FSD Conseils": OTHER,
    "Fasoinfos (RFI)": MEDIA,
    "Feedquik (Reuters)": MEDIA,
    "Finanznachrichten (pv magazine)": MEDIA,
    "Fox Business": MEDIA,
    "France 24": MEDIA,
    "France Diplomatie (MFA statement)": GOV,
    "Franceinfo": MEDIA,
    "Free China Post": MEDIA,
    "GQ Waves": MEDIA,
    "GhanaWeb (ECOWAS statement)": MEDIA,
    "Global Defense": MEDIA,
    "Global News": MEDIA,
    "Gorge News Center (AP)": MEDIA,
    "Government of Mali (cabinet communiqué of 20 June 2024)": GOV,
    "Hindustan Times (Reuters)": MEDIA,
    "Human Rights Watch": NGO,
    "Hürriyet Daily News (AFP)": MEDIA,
    "ICI1FO": MEDIA,
    "ICIR Nigeria": MEDIA,
    "ICIR Nigeria (AFP)": MEDIA,
    "IGIHE via WebRwanda": MEDIA,
    "IOL": MEDIA,
    "ITV News": MEDIA,
    "India Today (AP)": MEDIA,
    "Infogalactic (\"Mali–Russia relations\")": OTHER,
    "Informant Online": MEDIA,
    "Infos Rewmi": MEDIA,
    "Infosurhoy": MEDIA,
    "Internazionale": MEDIA,
    "Investing.com (Reuters)": MEDIA,
    "Jeune Afrique": MEDIA,
    "Journal du Cameroun": MEDIA,
    "Jowhar": MEDIA,
    "KBC": MEDIA,
    "KEYT (AP)": MEDIA,
    "KION546 (AP)": MEDIA,
    "KTVZ (AP)": MEDIA,
    "KYMA (AP)": MEDIA,
    "Kankossa Today": MEDIA,
    "KanyiDaily": MEDIA,
    "Kibaro224": MEDIA,
    "Kibaru": MEDIA,
    "Know Afrika (AP)": MEDIA,
    "Kumasi City": MEDIA,
    "Kyiv Independent": MEDIA,
    "L'Edito (Togo)": MEDIA,
    "L'Essor": SM,
    "LBNN TV": MEDIA,
    "La Tribune (citing Interfax)": MEDIA,
    "La Vie Sénégalaise": MEDIA,
    "La Voix du Peuple": MEDIA,
    "Law Global Hub (text of resolution 2100)": UN_,
    "Le Béninois Libéré (list of signatories)": MEDIA,
    "Le Calame": MEDIA,
    "Le Combat (Mali)": MEDIA,
    "Le Magazine du Mali": MEDIA,
    "Lecule": MEDIA,
    "Lendjam Post": MEDIA,
    "Les Nouvelles Calédoniennes": MEDIA,
    "Libreinfo": MEDIA,
    "Livemint (WSJ)": MEDIA,
    "MENAFN": MEDIA,
    "MENAFN (Anadolu)": SM,
    "MK (Moskovsky Komsomolets)": MEDIA,
    "Madar": MEDIA,
    "Mali24": MEDIA,
    "Maliactu": MEDIA,
    "Maliactu (Le Pays)": MEDIA,
    "Maliactu (text of the treaty)": GOV,
    "Malijet": MEDIA,
    "Maliko News": MEDIA,
    "Maliweb": MEDIA,
    "Maliweb (L'Essor text)": SM,
    "Maliweb (Malian ministry communiqué)": GOV,
    "Maliweb (RIA Novosti, on the Russian government decree approving the draft)": SM,
    "Mano Reporters": MEDIA,
    "Med Africa Times": MEDIA,
    "Mediapart (summarising The Guardian)": MEDIA,
    "Meyomessala International": MEDIA,
    "Mind of the Geek": OTHER,
    "Mondaq": OTHER,
    "Mouthpiece NGR (AFP)": MEDIA,
    "MyMotherLode (AP)": MEDIA,
    "NR Investing (Reuters)": MEDIA,
    "NRC": MEDIA,
    "Naija News (ECOWAS statement)": MEDIA,
    "Naija247 (Reuters)": MEDIA,
    "NaijaOne": MEDIA,
    "Namibia Daily News (Xinhua)": SM,
    "Nasdaq (Reuters)": MEDIA,
    "Nation Africa (AFP)": MEDIA,
    "National Herald (AP)": MEDIA,
    "Neema Media (Mali's 18 Feb communiqué)": MEDIA,
    "Netzwerk Afrika": NGO,
    "New York Globe": MEDIA,
    "News Central (AFP)": MEDIA,
    "News Diary Online": MEDIA,
    "News-Pravda (RIA Novosti)": SM,
    "News-Pravda (Russian MFA text)": SM,
    "News-Pravda (Sputnik Africa)": SM,
    "News-Pravda (Sputnik Africa, French)": SM,
    "News-Pravda (reposting Russian MFA text)": SM,
    "News-RIM": MEDIA,
    "News360 (Italian; Europa Press)": MEDIA,
    "NewsNetDaily (DW)": MEDIA,
    "NewsSniffer (BBC)": MEDIA,
    "Newsworldstream": MEDIA,
    "Next is Africa": MEDIA,
    "North Africa Post": MEDIA,
    "OANN (Reuters)": MEDIA,
    "OCCRP": MEDIA,
    "Opex360": MEDIA,
    "PANA (AES communiqué)": MEDIA,
    "Pefafa (UPI)": MEDIA,
    "Penticton Herald (AP photo caption)": MEDIA,
    "Peoples Dispatch": MEDIA,
    "Pledge Times": MEDIA,
    "Pledge Times (AFP)": MEDIA,
    "Pledge Times (France 24)": MEDIA,
    "Pledge Times (RIA Novosti)": SM,
    "PortNews": MEDIA,
    "Powers of Africa": MEDIA,
    "PressAfrik": MEDIA,
    "PressReview24 (AFP/RFI)": MEDIA,
    "Public Media Alliance": NGO,
    "Punch": MEDIA,
    "RBC-Ukraine": MEDIA,
    "RBC-Ukraine (Guterres statement)": MEDIA,
    "RFI": MEDIA,
    "RFI (AFP)": MEDIA,
    "RIA Novosti": SM,
    "RT France": SM,
    "RTN (AFP)": MEDIA,
    "RU24 (RFI)": MEDIA,
    "Rambler (RIA Novosti)": SM,
    "RantsOrInsights (RT)": SM,
    "ReliefWeb": UN_,
    # The notes say "OHCHR text", but the URL slug is the AP headline: a news page.
    "Report.az (OHCHR text)": MEDIA,
    "Republic World": MEDIA,
    "Reuters": MEDIA,
    "Rosoboronexport (\"Cooperation with Mali\")": GOV,
    "Rossa Primavera": MEDIA,
    "Running Africa": MEDIA,
    "SAPO 24": MEDIA,
    "Sahel Intelligence": MEDIA,
    "Sahel News": MEDIA,
    "Sahélien": MEDIA,
    "Sauress (Al-Hayat; AFP, citing Vedomosti)": MEDIA,
    "Scoop (OHCHR press release text)": UN_,
    "SeneNews": MEDIA,
    "Seneweb": MEDIA,
    "Shafaqna": MEDIA,
    "Sisimua": MEDIA,
    "Slate Afrique (citing Vedomosti)": MEDIA,
    "SpaceWar (AFP)": MEDIA,
    "Sputnik": SM,
    "Sputnik Africa": SM,
    "Sputnik Afrique": SM,
    "Sputnik France": SM,
    "Squid Business (Reuters)": MEDIA,
    "Starr FM (BBC)": MEDIA,
    "Statement text (mirror of the French MFA statement)": GOV,
    "Switsalone": MEDIA,
    "TASS": SM,
    "TESAA World": MEDIA,
    "TRT Afrika": SM,
    "TRT Afrika (AFP)": MEDIA,
    "TRT Afrika (Reuters)": MEDIA,
    "TRT World": SM,
    "TRT World (AFP)": MEDIA,
    "TV5Monde": MEDIA,
    "Tchadinfos": MEDIA,
    "Telegraph India": MEDIA,
    "Teller Report": MEDIA,
    "Teller Report (AFP)": MEDIA,
    "The Africa Daily Post (Reuters)": MEDIA,
    "The Africa Report": MEDIA,
    "The Epoch Times (Reuters)": MEDIA,
    "The Guardian (Reuters)": MEDIA,
    "The Hamden Journal (AP)": MEDIA,
    "The Hill": MEDIA,
    "The Hill (AP)": MEDIA,
    "The Independent (AP)": MEDIA,
    "The Independent Uganda (Xinhua)": SM,
    "The Latest News": MEDIA,
    "The Lawyer's Daily (Reuters)": MEDIA,
    "The Limited Times (AFP)": MEDIA,
    "The Moscow Times": MEDIA,
    "The Nation (AFP)": MEDIA,
    "The Nation View (Bloomberg)": MEDIA,
    "The National": MEDIA,
    "The Singular AI": OTHER,
    "The Star (Reuters)": MEDIA,
    "The Statesman": MEDIA,
    "The Sun (Nigeria)": MEDIA,
    "The Times": MEDIA,
    "The Wall": MEDIA,
    "The Washington Post": MEDIA,
    "The Whistler (ECOWAS communiqué)": MEDIA,
    "ThiesSénégal": MEDIA,
    "TiendaGourmet (AFP)": MEDIA,
    "Times of India (AFP)": MEDIA,
    "TimesLIVE (Reuters photo caption)": MEDIA,
    "TimesLIVE (Reuters)": MEDIA,
    "Tolerance.ca (HRW release)": NGO,
    "Tribune Online": MEDIA,
    "Tribune Online (French armed forces statement)": MEDIA,
    "TruthNigeria": MEDIA,
    "UN Audiovisual Library (meeting coverage, 9365th meeting)": UN_,
    "UN Peacekeeping (MINUSMA mandate)": UN_,
    "UN press release (SC/12979)": UN_,
    "UNB": MEDIA,
    "UNN (Reuters)": MEDIA,
    "USAfricaonline": MEDIA,
    "Ukraine Today": MEDIA,
    "Ukrainska Pravda (EU Council communiqué)": MEDIA,
    "Ummnews (Xinhua)": SM,
    "Union Leader (Reuters)": MEDIA,
    "Universalis": OTHER,
    "UrduPoint": MEDIA,
    "UrduPoint (AFP)": MEDIA,
    "UrduPoint (Sputnik)": SM,
    "VOA": MEDIA,
    "VOA Africa": MEDIA,
    "Voice of Urdu (RT)": SM,
    "Voltairenet (charter text)": GOV,
    "WA Press": MEDIA,
    "WADR (RFI)": MEDIA,
    "WADR (Reuters)": MEDIA,
    "WION": MEDIA,
    "WikiMili (Wikipedia mirror)": OTHER,
    "Wikipedia (\"2024 Bamako attacks\")": OTHER,
    "Wikipedia (\"Battle of Tinzaouaten (2024)\")": OTHER,
    "Wikipedia (\"Mali fuel blockade\")": OTHER,
    "Wikipedia mirror (\"Operation Barkhane\", August 2020 snapshot on osmarks.net)": OTHER,
    "Wikipedia mirror (\"Operation Barkhane\", goodnames.eth.limo)": OTHER,
    "Zambian Observer": MEDIA,
    "aNews (Anadolu)": SM,
    "aNiamey (RFI)": MEDIA,
    "bdnews24 (Reuters)": MEDIA,
    "bne IntelliNews": MEDIA,
    "defenceWeb": MEDIA,
    "e-mc2 (Afrik21)": MEDIA,
    "eTurboNews": MEDIA,
    "i24NEWS": MEDIA,
    "iGambler (AFP)": MEDIA,
    "teleSUR": SM,
    "teleSUR (on Lavrov's remarks)": SM,
    "Échos Médias": MEDIA,
    "Élysée (joint declaration)": GOV,
}

# Extra caveats about a single source, keyed by URL (appended to the source's note).
SOURCE_CAVEATS = {
    "https://elnashra.com/news/show/1564846/": "The URL may be truncated as recorded.",
    "https://tourisme-muzillac.com/": "Unofficial mirror of the statement.",
    "http://voltairenet.org/article219804.html": "Third-party copy of the charter text.",
}

# "published: unknown (...)" remarks that do not follow the simple patterns handled below.
REMARKS = {
    "the page header shows 2024-04-16": "the page header shows 2024-04-16",
    "2024; cites a Russian note verbale of 24 April 2024":
        "it dates from 2024, as it cites a Russian note verbale of 24 April 2024",
    "August 2022 text": "the text dates from August 2022",
    "2020-08 snapshot": "it is a snapshot of August 2020",
    "2023-01-31/02-01": "context places it on 31 January or 1 February 2023",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

URL_RE = re.compile(r"https?://|www\.", re.I)


def fail(msg: str) -> None:
    sys.exit(f"research_to_json: {msg}")


def read_notes(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    return [yaml.safe_load(b) for b in blocks]


def date_string(value, precision: str) -> str:
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        if d.day != 1:
            fail(f"month-precision date {d} does not use the 01 convention")
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "year":
        return f"{d.year:04d}"
    fail(f"unknown precision {precision!r}")
    return ""


def remark_note(remark: str) -> str:
    if remark in REMARKS:
        phrase = REMARKS[remark]
    elif re.fullmatch(r"\d{4}", remark):
        phrase = f"context places it in {remark}"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", remark):
        d = dt.date.fromisoformat(remark)
        phrase = f"context places it on {d.day} {MONTHS[d.month - 1]} {d.year}"
    elif re.fullmatch(r"(%s) \d{4}" % "|".join(MONTHS), remark):
        phrase = f"context places it in {remark}"
    else:
        fail(f"unhandled published remark {remark!r}")
    return f"No publication date visible; {phrase}."


def convert_source(s: dict) -> dict:
    publisher, url = s["publisher"], s["url"]
    if publisher not in SOURCE_TYPES:
        fail(f"publisher {publisher!r} has no source type")
    out = {"publisher": publisher, "url": url}
    pub = s.get("published")
    note_parts = []
    if isinstance(pub, dt.date):
        out["published"] = pub.isoformat()
    elif isinstance(pub, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", pub):
        out["published"] = pub
    elif isinstance(pub, str) and pub.startswith("unknown"):
        m = re.fullmatch(r"unknown(?: \((.*)\))?", pub)
        if not m:
            fail(f"unparsed published value {pub!r}")
        if m.group(1):
            note_parts.append(remark_note(m.group(1)))
        else:
            note_parts.append("No publication date visible on the copy consulted.")
    else:
        fail(f"unparsed published value {pub!r}")
    out["type"] = SOURCE_TYPES[publisher]
    for prefix, caveat in SOURCE_CAVEATS.items():
        if url.startswith(prefix):
            note_parts.append(caveat)
    if note_parts:
        out["note"] = " ".join(note_parts)
    return out


def actor_id(name: str) -> str:
    if name in STATES:
        return name
    if name in OTHERS:
        return OTHERS[name][0]
    fail(f"actor {name!r} is not mapped")
    return ""


def build_actors(used: set[str]) -> list[dict]:
    actors = []
    for code, (name, aliases) in STATES.items():
        if code in used:
            a = {"id": code, "name": name, "kind": "state"}
            if aliases:
                a["aliases"] = aliases
            if SUCCEEDS.get(code) in used:
                a["succeeds"] = SUCCEEDS[code]
            actors.append(a)
    seen = set()
    for _, (aid, name, kind, aff, aliases) in OTHERS.items():
        if aid in used and aid not in seen and name is not None:
            seen.add(aid)
            a = {"id": aid, "name": name, "kind": kind}
            if aff:
                a["affiliation"] = aff
            if aliases:
                a["aliases"] = aliases
            actors.append(a)
    kinds = ["state", "international_organisation", "armed_group", "company", "other"]
    actors.sort(key=lambda a: (kinds.index(a["kind"]), a["name"]))
    return actors


# Most decimals allowed per location precision: no false precision for a district or country.
LOCATION_DECIMALS = {"place": 4, "district": 2, "country": 1}


def decimals(x: float) -> int:
    text = repr(float(x))
    return len(text.split(".")[1]) if "." in text else 0


def build_location(eid: str, ed: dict, note: dict) -> dict | None:
    """The event's location, checked against its `location:` evidence line, or None with a reason."""
    facts = [e["fact"] for e in note.get("evidence", []) if e["fact"].startswith("location:")]
    if "location" not in ed:
        if not str(ed.get("no_location", "")).strip():
            fail(f"{eid}: neither a location nor a no_location reason")
        check_text(eid, "no_location", ed["no_location"])
        if facts:
            fail(f"{eid}: a location evidence line but no location")
        return None
    if "no_location" in ed:
        fail(f"{eid}: both a location and a no_location reason")
    loc = dict(ed["location"])
    unknown = set(loc) - {"place", "country", "lat", "lon", "precision"}
    if unknown:
        fail(f"{eid}: unknown location keys {unknown}")
    if "lat" not in loc or "lon" not in loc:
        fail(f"{eid}: location without coordinates")
    precision = loc.pop("precision", "place")
    if precision not in LOCATION_DECIMALS:
        fail(f"{eid}: unknown location precision {precision!r}")
    if (precision == "country") != ("place" not in loc) or "country" not in loc:
        fail(f"{eid}: a {precision}-precision location needs a country and "
             f"{'no' if precision == 'country' else 'a'} place")
    for axis in ("lat", "lon"):
        if decimals(loc[axis]) > LOCATION_DECIMALS[precision]:
            fail(f"{eid}: {axis} {loc[axis]} has more decimals than {precision} precision allows")
    if len(facts) != 1:
        fail(f"{eid}: {len(facts)} location evidence lines, expected 1")
    try:
        lat, lon = (float(p) for p in facts[0].rsplit(",", 2)[1:])
    except ValueError:
        fail(f"{eid}: the location evidence line does not end with lat, lon: {facts[0]}")
    if (lat, lon) != (float(loc["lat"]), float(loc["lon"])):
        fail(f"{eid}: editorial coordinates differ from the evidence line {facts[0]}")
    out = {k: loc[k] for k in ("place", "country") if k in loc}
    out["lat"], out["lon"] = float(loc["lat"]), float(loc["lon"])
    if precision != "place":
        out["precision"] = precision
    return out


def check_text(eid: str, field: str, text: str) -> None:
    if URL_RE.search(text):
        fail(f"{eid}: editorial {field} contains a URL")


def main() -> None:
    args = sys.argv[1:]
    notes_path = Path(args[0]) if args else NOTES
    if not notes_path.exists():
        fail(f"research notes not found at {notes_path}")
    out_path = Path(args[1]) if len(args) > 1 else DEFAULT_OUT

    notes = read_notes(notes_path)
    editorial = yaml.safe_load(EDITORIAL.read_text(encoding="utf-8"))
    note_ids = [e["id"] for e in notes]
    if len(set(note_ids)) != len(note_ids):
        fail("duplicate ids in the notes")
    if set(note_ids) != set(editorial):
        fail(f"editorial/notes mismatch: missing {set(note_ids) - set(editorial)}, "
             f"extra {set(editorial) - set(note_ids)}")

    cat_ids = {c[0] for c in CATEGORIES}
    events, used = [], set()
    for n in notes:
        eid, ed = n["id"], editorial[n["id"]]
        unknown = set(ed) - {"title", "summary", "notes", "tone", "milestone", "end", "location",
                             "no_location"}
        if unknown:
            fail(f"{eid}: unknown editorial keys {unknown}")
        if n["category"] not in cat_ids:
            fail(f"{eid}: unknown category {n['category']}")
        ids = []
        for a in n["actors"]:
            aid = actor_id(a)
            if aid not in ids:
                ids.append(aid)
        used.update(ids)
        ev = {"id": eid, "date": date_string(n["date"], n["precision"])}
        if "end" in ed:
            ev["end"] = str(ed["end"])
        for field in ("title", "summary"):
            check_text(eid, field, ed[field])
            ev[field] = " ".join(ed[field].split())
        ev["category"] = n["category"]
        ev["actors"] = ids
        if "tone" in ed:
            ev["tone"] = float(ed["tone"])
        if ed.get("milestone"):
            ev["milestone"] = True
        location = build_location(eid, ed, n)
        if location is not None:
            ev["location"] = location
        ev["sources"] = [convert_source(s) for s in n["sources"]]
        if "notes" in ed:
            check_text(eid, "notes", ed["notes"])
            ev["notes"] = " ".join(ed["notes"].split())
        elif n.get("notes"):
            fail(f"{eid}: the research notes carry caveats but the editorial layer has none")
        verification = {"yes": "verified", "partial": "partial"}.get(n["verified"])
        if verification is None:
            fail(f"{eid}: unexpected verified value {n['verified']!r}")
        ev["verification"] = verification
        events.append(ev)

    dataset = {
        "schema": 1,
        "dataset": META,
        "actors": build_actors(used),
        "categories": [
            {"id": i, "label": l, "definition": d, "tone": t, "color": c}
            for (i, l, d, t, c) in CATEGORIES
        ],
        "events": events,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(dataset, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out_path}: {len(events)} events, {len(dataset['actors'])} actors")


if __name__ == "__main__":
    main()
