"""Cleaning benchmark: junk removed, article sentences kept, near-duplicates found, throughput per format.

    .venv/bin/python benchmarks/cleaning_eval.py               # evaluate, write benchmarks/RESULTS-cleaning.md
    .venv/bin/python benchmarks/cleaning_eval.py --make-pages  # regenerate benchmarks/data/pages/ first

The saved pages are our own: the article text is the body of documents under corpus/texts/ (our own words),
wrapped in page templates of invented sites with the junk a news page carries (cookie banner, navigation,
bylines with invented names, datelines, captions and credits, promotional lines, video cues, share buttons,
newsletter boxes, related-story lists, tags, copyright footers, a site slogan repeated on every page).
Some stories are syndicated: the same article on a second site, which must be found as a duplicate.
``gold.json`` lists, per page, the article paragraphs and every junk string inserted.

PDF and DOCX versions of some corpus documents are generated at run time in a temporary folder (running
header, "Page N of M" footer, hyphenated line ends) and measured the same way.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PAGES = ROOT / "benchmarks" / "data" / "pages"
RESULTS = ROOT / "benchmarks" / "RESULTS-cleaning.md"
TEXTS = ROOT / "corpus" / "texts"

# site id -> language, display name, the junk it carries. {name} and {name2} are invented bylines.
SITES: dict[str, dict[str, Any]] = {
    "example-ledger": {
        "lang": "en", "name": "The Example Ledger",
        "cookie": ["We use cookies to give you the best experience on our website.", "Accept all cookies"],
        "nav": ["Home", "World", "Business", "Opinion", "Technology"],
        "slogan": "The Example Ledger: reporting that stays with the facts, since 1999",
        "byline": "By {name} | Senior Reporter",
        "stamp": "Published 12 March 2024",
        "caption": "A court building in the capital. (Photo: Example Agency)",
        "credit": "Photo: Example Agency/Staff",
        "promo": "Join our WhatsApp channel for breaking news alerts.",
        "video": "Watch the video below for an explainer on how the list works.",
        "newsletter": "Subscribe to our newsletter for the weekly briefing on tech policy.",
        "read_more": "Read more: Five things to know about your credit report",
        "share": ["Share on Facebook", "Share on X", "Email"],
        "related": ["Related stories", "Court list grows again in coastal province",
                    "How one city scores its residents", "Why lenders ask for your tax records"],
        "tags": "Topics: Credit, Courts, Privacy",
        "footer": ["© 2024 The Example Ledger. All rights reserved.", "Privacy policy | Terms of use | Contact us"],
    },
    "daily-placeholder": {
        "lang": "en", "name": "Daily Placeholder",
        "cookie": ["This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies.",
                   "Manage cookies"],
        "nav": ["News", "Politics", "Money", "Science", "Sport"],
        "slogan": "Daily Placeholder, independent and reader-funded news for everyone",
        "byline": "By {name} and {name2}",
        "stamp": "Updated: March 14, 2024 at 9:12 am",
        "caption": "Protesters outside the ministry last year. (Image: Placeholder Wire)",
        "credit": "Picture: Placeholder Wire via Example Images",
        "promo": "Follow us on Telegram for the latest updates on this story.",
        "video": "Click here to watch the full interview",
        "newsletter": "Sign up for our free morning briefing and get the news in your inbox",
        "read_more": "See also: The quiet rise of data brokers",
        "share": ["Share this article", "Tweet", "Print"],
        "related": ["Most read", "Banks tighten lending rules again", "A guide to disputing a record",
                    "Regulator opens review of scoring"],
        "tags": "Tags: Regulation, Data, Consumers",
        "footer": ["Copyright 2024 Daily Placeholder Media. All rights reserved.", "About us | Accessibility"],
    },
    "quotidien-fictif": {
        "lang": "fr", "name": "Le Quotidien Fictif",
        "cookie": ["Nous utilisons des cookies pour mesurer l'audience et personnaliser les contenus.", "Tout accepter"],
        "nav": ["Accueil", "International", "Économie", "Société"],
        "slogan": "Le Quotidien Fictif, l'information vérifiée depuis 1987",
        "byline": "Par {name} | Journaliste",
        "stamp": "Publié le 5 mars 2024 à 10h32",
        "caption": "Le siège de l'institution à Paris. (Photo : Agence Exemple)",
        "credit": "Crédit photo : Agence Exemple",
        "promo": "Rejoignez notre chaîne WhatsApp pour ne rien manquer de l'actualité.",
        "video": "Regardez la vidéo ci-dessous.",
        "newsletter": "Abonnez-vous à notre newsletter pour recevoir l'essentiel chaque matin.",
        "read_more": "Lire aussi : Le surendettement en hausse dans trois régions",
        "share": ["Partager sur Facebook", "Partager sur X", "Imprimer"],
        "related": ["À lire aussi", "Les banques resserrent le crédit", "Comment contester une inscription"],
        "tags": "Mots-clés : crédit, banques, données",
        "footer": ["© 2024 Le Quotidien Fictif. Tous droits réservés.", "Mentions légales | Politique de confidentialité"],
    },
    "beispiel-zeitung": {
        "lang": "de", "name": "Beispiel-Zeitung",
        "cookie": ["Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten.", "Alle akzeptieren"],
        "nav": ["Startseite", "Politik", "Wirtschaft", "Digital"],
        "slogan": "Beispiel-Zeitung: unabhängig und überparteilich seit 1952",
        "byline": "Von {name} | Redakteurin",
        "stamp": "Veröffentlicht am 5. März 2024, 10:32 Uhr",
        "caption": "Das Gebäude der Behörde in Wien. (Foto: Beispiel-Agentur)",
        "credit": "Foto: Beispiel-Agentur",
        "promo": "Folgen Sie uns auf unserem WhatsApp-Kanal für aktuelle Nachrichten.",
        "video": "Sehen Sie das Video unten.",
        "newsletter": "Jetzt den Newsletter abonnieren und jeden Morgen informiert sein.",
        "read_more": "Lesen Sie auch: Wie Auskunfteien Daten sammeln",
        "share": ["Teilen", "Drucken", "Merken"],
        "related": ["Mehr zum Thema", "Banken verschärfen die Kreditvergabe", "So widersprechen Sie einem Eintrag"],
        "tags": "Themen: Datenschutz, Kredit, Behörden",
        "footer": ["© 2024 Beispiel-Zeitung. Alle Rechte vorbehalten.", "Impressum | Datenschutz | Kontakt"],
    },
    "voorbeeldblad": {
        "lang": "nl", "name": "Het Voorbeeldblad",
        "cookie": ["Deze website gebruikt cookies om het gebruik te meten.", "Alles accepteren"],
        "nav": ["Nieuws", "Binnenland", "Economie", "Tech"],
        "slogan": "Het Voorbeeldblad, onafhankelijk nieuws uit de regio sinds 1960",
        "byline": "Door {name} | Verslaggever",
        "stamp": "Gepubliceerd 5 maart 2024, 10:32",
        "caption": "Het kantoor van de dienst in Den Haag. (Foto: Voorbeeldpers)",
        "credit": "Foto: Voorbeeldpers",
        "promo": "Volg ons op ons WhatsApp-kanaal voor het laatste nieuws.",
        "video": "Bekijk de video hieronder.",
        "newsletter": "Abonneer je op onze nieuwsbrief en mis niets.",
        "read_more": "Lees ook: Hoe banken je kredietwaardigheid bepalen",
        "share": ["Delen", "Deel via WhatsApp", "Opslaan"],
        "related": ["Lees meer", "Toeslagen: wat je moet weten", "Gemeente stopt met risicoscores"],
        "tags": "Trefwoorden: toeslagen, privacy, overheid",
        "footer": ["© 2024 Het Voorbeeldblad. Alle rechten voorbehouden.", "Colofon | Privacybeleid"],
    },
    "shili-ribao": {
        "lang": "zh", "name": "示例日报",
        "cookie": ["本网站使用Cookie以改善您的浏览体验。", "接受全部"],
        "nav": ["首页", "国内", "财经", "科技"],
        "slogan": "示例日报：权威、及时、准确的新闻资讯平台",
        "byline": "记者 {zhname}",
        "stamp": "发布时间：2024-03-05 10:32",
        "caption": "法院大楼外景。（图：示例通讯社）",
        "credit": "图片来源：示例通讯社",
        "promo": "欢迎关注示例日报微信公众号，获取更多新闻。",
        "video": "点击观看视频：名单制度如何运作",
        "newsletter": "订阅每日简报",
        "read_more": "相关阅读：信用修复的三个步骤",
        "share": ["分享到：微信 微博"],
        "related": ["推荐阅读", "多地法院公布失信名单", "企业信用修复指南"],
        "tags": "标签：信用 法院 名单",
        "footer": ["版权所有 © 2024 示例日报 未经授权不得转载", "返回顶部"],
    },
}
NAMES = ["Quentin Fabricated", "Wilma Invented", "Jeanne Imaginaire", "Hanna Erfunden", "Pieter Verzonnen",
         "Otto Placeholder", "Greta Madeup"]
ZH_NAMES = ["王某某", "李某", "张某某"]

# language -> (corpus files used as articles, site); the first few English stories are syndicated too.
LAYOUT = {"en": ["example-ledger", "daily-placeholder"], "fr": ["quotidien-fictif"], "de": ["beispiel-zeitung"],
          "nl": ["voorbeeldblad"], "zh": ["shili-ribao"]}
PER_LANG = {"en": 12, "fr": 3, "de": 3, "nl": 3, "zh": 3}
SYNDICATED = 3


def article(path: Path) -> tuple[str, list[str]]:
    """Title and paragraphs (plain text) of a corpus document."""
    from scoreatlas.clean import normalize_text, strip_markdown
    from scoreatlas.sources.text import split_front_matter

    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    paragraphs = [normalize_text(strip_markdown(p)).replace("\n", " ") for p in re.split(r"\n\s*\n", body)]
    return str(meta.get("title", path.stem)), [p for p in paragraphs if p.strip()]


def render(site_id: str, title: str, paragraphs: list[str], n: int) -> tuple[str, list[str]]:
    """One saved page and the junk strings it carries."""
    site = SITES[site_id]
    fill = {"name": NAMES[n % len(NAMES)], "name2": NAMES[(n + 3) % len(NAMES)], "zhname": ZH_NAMES[n % len(ZH_NAMES)]}
    e = html.escape
    byline = site["byline"].format(**fill)
    junk = [*site["cookie"], *site["nav"], site["slogan"], byline, site["stamp"], site["caption"], site["credit"],
            site["promo"], site["video"], site["newsletter"], site["read_more"], *site["share"], *site["related"],
            site["tags"], *site["footer"]]
    body = [f"<p>{e(p)}</p>" for p in paragraphs]
    inserts = [
        (1, f'<figure><img src="photo{n}.jpg" alt=""><figcaption>{e(site["caption"])}</figcaption>'
            f'<p class="credit">{e(site["credit"])}</p></figure>'),
        (2, f'<p class="promo"><strong>{e(site["promo"])}</strong></p>'),
        (3, f'<p class="video-cue">{e(site["video"])}</p><div class="player" data-src="v{n}.mp4"></div>'),
    ]
    for at, snippet in reversed(inserts):
        body.insert(min(at, len(body)), snippet)
    lang = site["lang"]
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{e(title)} | {e(site["name"])}</title>
<meta property="og:site_name" content="{e(site["name"])}">
<meta name="author" content="{e(fill["name"])}">
<meta property="article:published_time" content="2024-03-05T10:32:00Z">
<link rel="canonical" href="https://{site_id}.example.org/story/{n}">
</head>
<body>
<div class="cookie-banner" role="dialog"><p>{e(site["cookie"][0])}</p><button>{e(site["cookie"][1])}</button></div>
<header><nav><ul>{"".join(f'<li><a href="/{i}">{e(x)}</a></li>' for i, x in enumerate(site["nav"]))}</ul></nav></header>
<main>
<article>
<p class="tagline">{e(site["slogan"])}</p>
<h1>{e(title)}</h1>
<p class="byline">{e(byline)}</p>
<p class="timestamp">{e(site["stamp"])}</p>
{chr(10).join(body)}
<div class="newsletter"><p>{e(site["newsletter"])}</p><input type="email"><button>OK</button></div>
<p class="read-more">{e(site["read_more"])}</p>
<div class="share">{" ".join(f'<a href="#">{e(s)}</a>' for s in site["share"])}</div>
<aside class="related"><h3>{e(site["related"][0])}</h3><ul>{"".join(f'<li><a href="/r{i}">{e(x)}</a></li>' for i, x in enumerate(site["related"][1:]))}</ul></aside>
<p class="tags">{e(site["tags"])}</p>
</article>
</main>
<footer>{"".join(f"<p>{e(x)}</p>" for x in site["footer"])}</footer>
</body>
</html>
"""
    return page, junk


def copied_text(site_id: str, title: str, paragraphs: list[str], n: int) -> str:
    """The page as an analyst gets it by select-all and copy: every visible line, template included."""
    site = SITES[site_id]
    fill = {"name": NAMES[n % len(NAMES)], "name2": NAMES[(n + 3) % len(NAMES)], "zhname": ZH_NAMES[n % len(ZH_NAMES)]}
    body = list(paragraphs)
    for at, lines in reversed([(1, [site["caption"], site["credit"]]), (2, [site["promo"]]), (3, [site["video"]])]):
        body[min(at, len(body)):min(at, len(body))] = lines
    lines = [*site["cookie"], *site["nav"], site["slogan"], title, site["byline"].format(**fill), site["stamp"], *body,
             site["newsletter"], site["read_more"], *site["share"], *site["related"], site["tags"], *site["footer"]]
    return "\n".join(lines) + "\n"


def make_pages() -> None:
    gold: dict[str, Any] = {}
    n = 0
    for lang, sites in LAYOUT.items():
        files = sorted((TEXTS / lang).glob("*.md"))[: PER_LANG[lang]]
        for i, path in enumerate(files):
            title, paragraphs = article(path)
            placements = [sites[i % len(sites)]]
            if lang == "en" and i < SYNDICATED:
                placements.append(sites[(i + 1) % len(sites)])
            for copy, site_id in enumerate(placements):
                page, junk = render(site_id, title, paragraphs, n)
                name = f"{site_id}/{path.stem}.html"
                (PAGES / site_id).mkdir(parents=True, exist_ok=True)
                (PAGES / name).write_text(page, encoding="utf-8")
                (PAGES / name).with_suffix(".txt").write_text(copied_text(site_id, title, paragraphs, n), encoding="utf-8")
                gold[name] = {"lang": lang, "story": path.stem, "copy": copy, "title": title,
                              "paragraphs": paragraphs, "junk": junk}
                n += 1
    (PAGES / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(gold)} pages to {PAGES}")


_SENT = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def sentences(paragraphs: list[str]) -> list[str]:
    return [s for p in paragraphs for s in (_norm(x) for x in _SENT.split(p)) if len(s) > 1]


def junk_left(item: str, output: str) -> bool:
    """Whether a junk string survived: as a phrase (word-bounded, so 'Home' is not found in 'homes')."""
    item = _norm(item)
    if re.search(r"[\u4e00-\u9fff]", item):
        return item in output
    return re.search(r"(?<!\w)" + re.escape(item) + r"(?!\w)", output) is not None


def evaluate_pages(suffix: str = ".html") -> dict[str, Any]:
    """Clean every saved page (``.html``: extraction + rules; ``.txt``: the copied page text, rules alone)."""
    from scoreatlas.clean import Cleaner, NearDuplicates
    from scoreatlas.sources import read_path

    gold = {Path(k).with_suffix(suffix).as_posix(): v
            for k, v in json.loads((PAGES / "gold.json").read_text(encoding="utf-8")).items()}
    cleaner = Cleaner()
    cleaner.learn(r for name in gold for r in read_path(PAGES / name))
    finder = NearDuplicates(cleaner.rules.near_duplicates)
    totals = {"junk": 0, "junk_left": 0, "sent": 0, "sent_kept": 0}
    per_lang: dict[str, dict[str, int]] = {}
    left_items: list[str] = []
    lost: list[str] = []
    duplicates: list[tuple[str, str]] = []
    by_rule: dict[str, int] = {}
    for name, g in gold.items():
        [doc] = read_path(PAGES / name)
        cleaned = cleaner.clean(doc)
        for rule, chars in cleaned.removed.items():
            by_rule[rule] = by_rule.get(rule, 0) + chars
        output = _norm(cleaned.text)
        kept = finder.check(name, cleaned.text)
        if kept is not None:
            duplicates.append((name, kept))
        stats = per_lang.setdefault(g["lang"], {"junk": 0, "junk_left": 0, "sent": 0, "sent_kept": 0, "pages": 0})
        stats["pages"] += 1
        article_text = _norm(" ".join([g["title"], *g["paragraphs"]]))
        for item in g["junk"]:
            if junk_left(item, article_text):
                continue  # the article itself uses these words ("International"): not measurable
            size = len(_norm(item))
            stats["junk"] += size
            if junk_left(item, output):
                stats["junk_left"] += size
                left_items.append(f"{name}: {item}")
        for sentence in sentences(g["paragraphs"]):
            stats["sent"] += 1
            if sentence in output:
                stats["sent_kept"] += 1
            else:
                lost.append(f"{name}: {sentence[:90]}")
    for stats in per_lang.values():
        for k in totals:
            totals[k] += stats[k]
    expected = sorted((n, next(m for m, h in gold.items() if h["story"] == g["story"] and h["copy"] == 0))
                      for n, g in gold.items() if g["copy"] > 0)
    return {"pages": len(gold), "totals": totals, "per_lang": per_lang, "left": left_items, "lost": lost,
            "duplicates": sorted(duplicates), "expected_duplicates": expected, "by_rule": by_rule}


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters; long words broken with a hyphen, as typesetters do."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2
        if len(word) >= 9 and room >= 4 and len(word) - room >= 3 and word[:room].isalpha():
            lines.append(f"{line} {word[:room]}-".strip())
            line = word[room:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _pdf(title: str, paragraphs: list[str], header: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    _, height = A4
    lines: list[str] = []
    for p in paragraphs:
        lines += [*wrap(p, 88), ""]
    per_page = 48
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    for number, page in enumerate(pages, 1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, height - 40, header)
        pdf.drawString(270, 30, f"Page {number} of {len(pages)}")
        pdf.setFont("Helvetica", 10)
        y = height - 80
        for line in page:
            pdf.drawString(72, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _docx(title: str, paragraphs: list[str], header: str) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = NAMES[0]
    document.sections[0].header.paragraphs[0].text = header
    document.add_heading(title, level=1)
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def evaluate_documents(folder: Path) -> dict[str, Any]:
    """PDF and DOCX versions of corpus documents: sentences kept, running headers and footers removed."""
    from scoreatlas.clean import Cleaner
    from scoreatlas.sources import read_path

    cleaner = Cleaner()
    results: dict[str, dict[str, Any]] = {}
    sources = [p for lang in ("en", "fr", "de", "nl") for p in sorted((TEXTS / lang).glob("*.md"))[:2]]
    for fmt, make in (("pdf", _pdf), ("docx", _docx)):
        stats = {"files": 0, "sent": 0, "sent_kept": 0, "junk": 0, "junk_left": 0, "lost": []}
        for path in sources:
            title, paragraphs = article(path)
            header = f"Score Atlas country brief - {path.stem}"
            target = folder / f"{path.parent.name}_{path.stem}.{fmt}"
            target.write_bytes(make(title, paragraphs, header))
            [doc] = read_path(target)
            output = _norm(cleaner.clean(doc).text)
            stats["files"] += 1
            for sentence in sentences(paragraphs):
                stats["sent"] += 1
                if sentence in output:
                    stats["sent_kept"] += 1
                else:
                    stats["lost"].append(f"{target.name}: {sentence[:90]}")
            for item in (header, "Page 1 of"):
                stats["junk"] += len(item)
                stats["junk_left"] += len(item) if item in output else 0
        results[fmt] = stats
    return results


def throughput(folder: Path) -> list[tuple[str, int, int, float]]:
    """Reading and cleaning speed per format: (format, files, bytes, seconds)."""
    from scoreatlas.clean import Cleaner
    from scoreatlas.sources import read_path
    from scoreatlas.types import RawDocument

    cleaner = Cleaner()
    gold = json.loads((PAGES / "gold.json").read_text(encoding="utf-8"))
    csv_path = folder / "articles.csv"
    import csv

    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "text"])
        for i, g in enumerate(gold.values()):
            writer.writerow([i, g["title"], "\n\n".join(g["paragraphs"])])
    groups = {
        "html": [PAGES / n for n in gold],
        "txt (copied pages)": [(PAGES / n).with_suffix(".txt") for n in gold],
        "pdf": sorted(folder.glob("*.pdf")),
        "docx": sorted(folder.glob("*.docx")),
        "md": sorted(TEXTS.rglob("*.md")),
        "csv (rows)": [csv_path],
    }
    rows = []
    for fmt, paths in groups.items():
        size = sum(p.stat().st_size for p in paths)
        started = time.process_time()  # CPU time: the machine is shared, wall time would measure the neighbours
        docs = 0
        for _ in range(2):
            for p in paths:
                for item in read_path(p):
                    if isinstance(item, RawDocument):
                        cleaner.clean(item)
                        docs += 1
        seconds = (time.process_time() - started) / 2
        rows.append((fmt, docs // 2, size, seconds))
    return rows


def page_section(heading: str, pages: dict[str, Any]) -> list[str]:
    t = pages["totals"]
    junk_removed = 1 - t["junk_left"] / t["junk"]
    kept = t["sent_kept"] / t["sent"]
    expected = [tuple(x) for x in pages["expected_duplicates"]]
    lines = [
        f"## {heading}",
        "",
        f"- pages: {pages['pages']} (en, fr, de, nl, zh; {len(expected)} syndicated copies)",
        f"- **junk characters removed: {junk_removed:.1%}** ({t['junk'] - t['junk_left']} of {t['junk']})",
        f"- **article sentences kept: {kept:.1%}** ({t['sent_kept']} of {t['sent']})",
        f"- syndicated copies found as duplicates: {sum(1 for d in pages['duplicates'] if d in expected)}"
        f" of {len(expected)}; false duplicates: {sum(1 for d in pages['duplicates'] if d not in expected)}",
        "",
        "| lang | pages | junk removed | sentences kept |",
        "| --- | ---: | ---: | ---: |",
    ]
    for lang, s in pages["per_lang"].items():
        lines.append(f"| {lang} | {s['pages']} | {1 - s['junk_left'] / s['junk']:.1%} | "
                     f"{s['sent_kept']}/{s['sent']} ({s['sent_kept'] / s['sent']:.1%}) |")
    lines += ["", "Characters removed, by cleaning rule:", "", "| rule | characters |", "| --- | ---: |"]
    lines += [f"| {rule} | {chars} |" for rule, chars in sorted(pages["by_rule"].items(), key=lambda x: -x[1])]
    lines += ["", "Junk left:", ""] + ([f"- {x}" for x in pages["left"]] or ["- none"])
    lines += ["", "Article sentences lost:", ""] + ([f"- {x}" for x in pages["lost"]] or ["- none"])
    return [*lines, ""]


def report(pages: dict[str, Any], copied: dict[str, Any], documents: dict[str, Any],
           speed: list[tuple[str, int, int, float]]) -> str:
    lines = [
        "# Cleaning benchmark",
        "",
        "Regenerate: `.venv/bin/python benchmarks/cleaning_eval.py` (pages: `--make-pages`). "
        "Saved pages: `benchmarks/data/pages/` (our own article text from `corpus/texts/` in invented page "
        "templates; `gold.json` lists each page's article paragraphs and inserted junk).",
        "",
        "Junk is counted in characters of the strings inserted into the page (banner, menu, slogan, byline, "
        "stamp, caption, credit, promotion, video cue, newsletter box, read-more line, share buttons, "
        "related list, tags, footer); a string is left when it still occurs, word-bounded, in the cleaned text. "
        "A sentence is kept when it occurs whole in the cleaned text.",
        "",
        "Caveat: the rules in `corpus/cleaning.yaml` were written alongside these templates, so the figures are "
        "in-sample, an upper bound for sites not seen before; the sentences kept are the stronger claim, as the "
        "article text was not tuned for. Add pages from new templates here before trusting a new rule.",
        "",
    ]
    lines += page_section("Saved pages (HTML: trafilatura extraction, then the cleaning rules)", pages)
    lines += page_section("The same pages copied as text (.txt: the cleaning rules alone, nothing extracted)", copied)
    lines += ["", "## PDF and DOCX versions of corpus documents", "",
              "| format | files | sentences kept | running header and page footer removed |", "| --- | ---: | ---: | ---: |"]
    for fmt, s in documents.items():
        lines.append(f"| {fmt} | {s['files']} | {s['sent_kept']}/{s['sent']} ({s['sent_kept'] / s['sent']:.1%}) | "
                     f"{1 - s['junk_left'] / s['junk']:.1%} |")
    lost = [x for s in documents.values() for x in s["lost"]]
    lines += ["", "Sentences lost:", ""] + ([f"- {x}" for x in lost] or ["- none"])
    lines += ["", "## Throughput (read + clean, one process, no spaCy)", "",
              "| format | documents | MB | CPU seconds | documents/s | MB/s |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for fmt, docs, size, seconds in speed:
        lines.append(f"| {fmt} | {docs} | {size / 1e6:.2f} | {seconds:.2f} | {docs / seconds:.0f} | {size / 1e6 / seconds:.2f} |")
    lines += ["", "The first pass that counts repeated lines reads every input once more; spaCy, privacy and tagging "
              "dominate a full build's time.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--make-pages", action="store_true", help="regenerate benchmarks/data/pages/ first")
    args = parser.parse_args()
    if args.make_pages:
        make_pages()
    pages = evaluate_pages(".html")
    copied = evaluate_pages(".txt")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        documents = evaluate_documents(folder)
        speed = throughput(folder)
    text = report(pages, copied, documents, speed)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
