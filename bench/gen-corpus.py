#!/usr/bin/env python3
"""bench/gen-corpus.py: a reproducible synthetic corpus for benchmarks.

    bench/gen-corpus.py --seed 1 --docs 10000 --out bench/out/corpus-10000

Writes DOCS text files named NNNNNN_<16 hex>.txt (and a manifest.jsonl for about a third of
them) into OUT. The body text is made of the sentences of the project's test fixtures
(tests/fixtures/**/*.txt, the clean bodies where a fixture has one; the copies of the bundled
corpus in corpus-expected/ are left out), shuffled into new paragraphs, with quotes and meeting
mentions whose speakers, roles, cities and dates come from data/entities.jsonl and
data/meetings.jsonl. Each file is a pasted web page, so the pipeline has real work to do: site
chrome to strip (the lines the cleaning fixtures' raw pages have and their bodies do not, and a
few of this script's own), a headline, an outlet/dateline line, quotes with speech verbs,
meeting mentions with dates and cities, and a teaser block at the end.

    bench/gen-corpus.py --seed 1 --docs 10000 --rev HEAD --out DIR   # inputs from a commit

The same --seed, --docs and inputs give byte-identical files (python3 standard library only;
the random generator is seeded per document, so document i does not depend on --docs). With
--rev the inputs are those of a git commit, so the corpus does not change when fixtures are
added to the working tree.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

OUTLETS = ["Pacific Ledger", "Harbor Wire", "The Capital Observer", "Kanto Evening Post",
           "Northern Pacific Review", "Allied Affairs Daily", "Tidewater Bulletin",
           "East Asia Monitor", "The Morning Dispatch", "Straits Correspondent"]

CHROME_TOP = [
    ["Skip to main content", "Menu", "Search"],
    ["Accessibility links", "", "Breaking News"],
    ["Home | World | Asia | Politics | Opinion", "Subscribe | Sign in"],
    ["Email | Print | Share | Comments"],
    ["Advertisement"],
    [],
]
CHROME_BOTTOM = [
    ["Related coverage", "Most Popular", "Terms of Use | Privacy Policy | Contact us"],
    ["Share this article: Email | Facebook | X | Print", "(c) All rights reserved."],
    ["Advertisement", "Read more stories from the Asia desk"],
    [],
]

TOPICS = [
    ("the relocation of Marine Corps Air Station Futenma", "futenma relocation"),
    ("the transfer of Marines from Okinawa to Guam", "guam transfer"),
    ("host nation support for American forces", "host nation support"),
    ("missile defense cooperation", "missile defense"),
    ("the revision of the defense cooperation guidelines", "defense guidelines"),
    ("security in the East China Sea", "east china sea"),
    ("the situation around the Senkaku Islands", "senkaku"),
    ("North Korea's nuclear and missile programs", "north korea"),
    ("stability across the Taiwan Strait", "taiwan strait"),
    ("cyber defense and space cooperation", "cyber space"),
    ("the realignment of U.S. forces in Japan", "realignment"),
    ("joint exercises in the Western Pacific", "exercises"),
    ("the status of forces agreement", "sofa"),
    ("command and control arrangements", "command control"),
]

ADJ = ["deeper", "broader", "closer", "stronger", "more flexible", "more balanced"]
VERBS_SAID = ["said", "told reporters", "said in a statement", "added", "noted", "stressed",
              "said at a news conference", "told lawmakers"]
SOFT = ["several", "many", "a number of", "some", "a few"]

SENTENCES = [
    "Officials on both sides described {topic} as the central item on the agenda.",
    "The talks came as {country} watched closely for any sign of a shift in the alliance.",
    "Diplomats said the ministers were expected to endorse a {adj} division of roles between "
    "the two militaries.",
    "Residents of {place} have long complained about noise, accidents and crime linked to the "
    "bases, and local leaders again asked Tokyo to ease the burden.",
    "Analysts said the outcome would test whether Japan was ready to take on a {adj} role in "
    "regional security.",
    "{soft_cap} lawmakers in Tokyo questioned the cost of the plan, which they said had grown "
    "well beyond the first estimates.",
    "The agreement builds on the Security Treaty, which has anchored the relationship since it "
    "was revised in 1960.",
    "A senior official, speaking on condition of anonymity because the negotiations were not "
    "finished, said the joint statement had been drafted over {n} weeks.",
    "The United States keeps about {troops},000 troops in Japan, more than half of them in "
    "Okinawa.",
    "Both governments have said the timetable for {topic} depends on progress on the ground.",
    "Critics in {place} argued that the plan simply moved the problem from one town to another.",
    "The ministers also reviewed {topic}, a subject that has strained ties in the past.",
    "Japan's constitution limits its forces to self-defense, and any change in that posture "
    "draws strong reactions at home.",
    "Officials in {city2} declined to comment on the details before the talks ended.",
    "The meeting was the {ordinal} of its kind in {n} years, reflecting what one aide called "
    "a new urgency.",
    "Markets paid little attention, but regional capitals, including {city2}, followed the "
    "statements closely.",
    "{soft_cap} experts noted that the language on {topic} was firmer than in earlier "
    "statements.",
    "The defense budget request for the coming year includes money for {topic}.",
    "The joint statement also mentioned the {agreement}.",
    "According to a draft seen by reporters, the two sides would meet again within a year.",
]

QUOTES = [
    "Our alliance has never been more important to peace in this region",
    "We will continue to work closely with our partners on {topic}",
    "This is a significant step, but it is not the last one",
    "The commitment of the United States to the defense of Japan is unwavering",
    "We have to reduce the burden on the people of {place}",
    "Nobody wants to change the status quo by force",
    "We agreed to move forward on {topic} without delay",
    "The two of us see the challenges in the region in very much the same way",
    "There is still a great deal of work ahead of us",
    "Japan intends to play a more active role for regional stability",
]

MEETING_MENTIONS = [
    "the two-plus-two talks in {city} on {date}",
    "the Security Consultative Committee meeting in {city} on {date}",
    "the \"2+2\" meeting held in {city} on {date}",
    "the talks between the foreign and defense ministers in {city} on {date}",
]

TEASERS = [
    "Read more: {headline2}",
    "Also in the news: {headline2}",
    "More from {outlet}: {headline2}",
    "Previous story: {headline2}",
]

HEADLINES = [
    "U.S. and Japan Agree on {Topic}",
    "Allies Pledge {Adj} Security Ties at Talks in {city}",
    "{surname} and {surname2} Vow to Press Ahead on {Topic}",
    "Japan, U.S. Confer on {Topic}",
    "Two-Plus-Two Talks Open in {city} Amid Regional Tensions",
    "Ministers Review {Topic} as Alliance Marks New Phase",
]

ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth"]


class WorkTree:
    """The input files as they are on disk: tests/fixtures under ROOT, the data folder given."""

    def __init__(self, root, data_dir):
        self.root, self.data_dir = root, data_dir

    def fixtures(self):
        base = os.path.join(self.root, "tests", "fixtures")
        out = []
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            out.extend(os.path.relpath(os.path.join(dirpath, f), base) for f in filenames)
        return sorted(p.replace(os.sep, "/") for p in out)

    def fixture(self, rel):
        with open(os.path.join(self.root, "tests", "fixtures", rel), encoding="utf-8",
                  errors="replace") as f:
            return f.read()

    def data(self, name):
        with open(os.path.join(self.data_dir, name), encoding="utf-8") as f:
            return f.read()


class GitRev:
    """The input files as commit REV of the repository at ROOT has them, so that a corpus is
    reproducible from (seed, commit) whatever the working tree holds."""

    def __init__(self, root, rev):
        self.root = root
        self.rev = subprocess.run(["git", "-C", root, "rev-parse", "--verify", rev + "^{commit}"],
                                  check=True, capture_output=True, text=True).stdout.strip()
        ls = subprocess.run(["git", "-C", root, "ls-tree", "-r", "--name-only", self.rev, "--",
                             "tests/fixtures"], check=True, capture_output=True,
                            text=True).stdout
        self.names = sorted(n[len("tests/fixtures/"):] for n in ls.splitlines() if n)

    def _show(self, path):
        return subprocess.run(["git", "-C", self.root, "show", "%s:%s" % (self.rev, path)],
                              check=True, capture_output=True).stdout.decode("utf-8", "replace")

    def fixtures(self):
        return self.names

    def fixture(self, rel):
        return self._show("tests/fixtures/" + rel)

    def data(self, name):
        return self._show("data/" + name)


def load_jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def fmt_date(d, style):
    if style == 0:
        return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)
    if style == 1:
        return "%s %d, %d" % (MONTHS_LONG[d.month - 1], d.day, d.year)
    return "%d %s %d" % (d.day, MONTHS_LONG[d.month - 1], d.year)


def capital(s):
    return s[:1].upper() + s[1:]


def title_case(s):
    small = {"of", "the", "and", "in", "to", "from", "for", "on", "at"}
    words = s.split()
    return " ".join(w if (i and w in small) or w[:1].isupper() else capital(w)
                    for i, w in enumerate(words))


# Words that end with a period without ending a sentence.
ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "adm", "sen", "rep", "gov", "st", "jr",
          "sr", "no", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "vs", "etc",
          "u.s", "u.n", "d.c", "p.m", "a.m", "inc", "corp", "co", "maj", "capt", "sgt", "prof"}
SENT_END = re.compile(r'[.!?]["\u201d\u2019)]?\s+(?=["\u201c(]?[A-Z0-9])')


def split_sentences(para):
    """Sentences of one paragraph: split after . ! ? before a capital, except after an
    abbreviation or an initial (a single letter)."""
    out, start = [], 0
    for m in SENT_END.finditer(para):
        head = para[start:m.start() + 1]
        last = head.rstrip('.!?').split()[-1:] or [""]
        word = last[0].lstrip('"\u201c(').lower()
        if para[m.start()] == "." and (word in ABBREV or len(word) == 1):
            continue
        out.append(para[start:m.end()].strip())
        start = m.end()
    out.append(para[start:].strip())
    return [s for s in out if s]


def fixture_texts(src):
    """(body text, raw page or None) for each fixture, in a fixed order. A fixture X.txt with
    a sibling X.body.txt contributes the body; the raw page is kept for its chrome. The copies
    of the bundled corpus (corpus-expected/) are left out."""
    names = [n for n in src.fixtures() if n.endswith(".txt")
             and not n.startswith("corpus-expected/")]
    have = set(names)
    out = []
    for name in names:
        if name.endswith(".body.txt"):
            continue
        raw = src.fixture(name).replace("\r\n", "\n")
        body = name[:-4] + ".body.txt"
        if body in have:
            out.append((src.fixture(body).replace("\r\n", "\n"), raw))
        else:
            out.append((raw, None))
    return out


def harvest(src):
    """The fixture sentences (prose only: 6 to 80 words, no table or list lines) and the
    chrome lines (short lines of a raw page that its clean body does not contain)."""
    sentences, chrome, seen = [], [], set()
    for body, raw in fixture_texts(src):
        for para in re.split(r"\n\s*\n", body):
            lines = [l.strip() for l in para.split("\n") if l.strip()]
            if not lines or any("|" in l or l[:1] in "-*\u2022#>" or l[:2].rstrip(".").isdigit()
                                for l in lines):
                continue
            for s in split_sentences(" ".join(lines)):
                n = len(s.split())
                if 6 <= n <= 80 and s[-1:] in '.!?"\u201d' and s not in seen:
                    seen.add(s)
                    sentences.append(s)
        if raw is None:
            continue
        flat = " ".join(body.split())
        for l in raw.split("\n"):
            l = l.strip()
            if 2 <= len(l) <= 90 and l not in flat and l not in seen:
                seen.add(l)
                chrome.append(l)
    if len(sentences) < 200:
        sys.exit("gen-corpus: only %d fixture sentences in tests/fixtures" % len(sentences))
    return sentences, chrome


class World:
    def __init__(self, src):
        ents = load_jsonl(src.data("entities.jsonl"))
        self.meetings = [m for m in load_jsonl(src.data("meetings.jsonl"))
                         if m.get("date_precision") == "day"]
        if not self.meetings:
            sys.exit("gen-corpus: no dated meetings in data/meetings.jsonl")
        self.people = {e["id"]: e for e in ents if e["type"] == "person"}
        self.cities = sorted(e["name"] for e in ents
                             if e["type"] == "place" and e.get("kind") == "city")
        self.local = sorted(e["name"] for e in ents
                            if e["type"] == "place" and e.get("country") == "japan"
                            and e.get("kind") in ("city", "prefecture", "region"))
        self.countries = sorted(e["name"] for e in ents if e["type"] == "country")
        self.agreements = sorted(e["name"] for e in ents if e["type"] == "agreement")
        # People who held a titled role on a given day, for extra speakers.
        self.roles = []
        for e in self.people.values():
            for r in e.get("roles") or []:
                if r.get("from") and r.get("title"):
                    self.roles.append((r["from"], r.get("to") or "9999-12-31", e, r["title"]))
        self.roles.sort(key=lambda t: (t[0], t[2]["id"]))
        self.sentences, self.chrome = harvest(src)

    def officials_on(self, day):
        iso = day.isoformat()
        return [(e, title) for lo, hi, e, title in self.roles if lo <= iso <= hi]


def person_ref(rng, name, surname, gender):
    honor = {"m": "Mr.", "f": "Ms."}.get(gender, "")
    return rng.choice([surname, surname, (honor + " " + surname) if honor else surname, name])


def make_doc(world, seed, i):
    digest = hashlib.sha256(("%d:%d" % (seed, i)).encode()).hexdigest()
    rng = random.Random(int(digest[:16], 16))
    meeting = world.meetings[rng.randrange(len(world.meetings))]
    mdate = datetime.date.fromisoformat(meeting["date"])
    pub = mdate + datetime.timedelta(days=rng.choice([-2, -1, 0, 0, 1, 1, 2, 5]))
    city = meeting.get("city") or rng.choice(["Washington, D.C.", "Tokyo"])
    topic, _ = rng.choice(TOPICS)
    topic2, _ = rng.choice(TOPICS)

    speakers = []
    for p in meeting["participants"]:
        e = world.people.get(p.get("entity") or "")
        surname = (e or {}).get("surname") or p["name"].split()[-1]
        speakers.append((p["name"], surname, (e or {}).get("gender"), p.get("role") or ""))
    extra = world.officials_on(pub)
    for e, title in rng.sample(extra, min(len(extra), rng.randint(0, 3))):
        if any(e["name"] == sp[0] for sp in speakers):
            continue
        speakers.append((e["name"], e.get("surname") or e["name"].split()[-1], e.get("gender"),
                         title))
    rng.shuffle(speakers)
    introduced = set()

    def ctx():
        s = speakers[rng.randrange(len(speakers))]
        other = speakers[(speakers.index(s) + 1) % len(speakers)]
        return {
            "topic": rng.choice([topic, topic, topic2]),
            "Topic": title_case(topic[4:] if topic.startswith("the ") else topic),
            "adj": rng.choice(ADJ), "Adj": capital(rng.choice(ADJ)),
            "country": rng.choice(world.countries), "place": rng.choice(world.local),
            "city": city, "city2": rng.choice(world.cities),
            "soft_cap": capital(rng.choice(SOFT)), "n": rng.randint(2, 12),
            "troops": rng.choice([47, 50, 54]), "ordinal": rng.choice(ORDINALS),
            "agreement": rng.choice(world.agreements),
            "surname": s[1], "surname2": other[1],
        }

    def speaker_text(s):
        name, surname, gender, role = s
        if name in introduced:
            return person_ref(rng, name, surname, gender)
        introduced.add(name)
        if role and rng.random() < 0.5:
            return "%s, the %s," % (name, role) if rng.random() < 0.5 else "%s %s" % (role, name)
        return name

    def quote():
        s = speakers[rng.randrange(len(speakers))]
        q = rng.choice(QUOTES).format(**ctx())
        verb = rng.choice(VERBS_SAID)
        who = speaker_text(s).rstrip(",")
        style = rng.randrange(4)
        if style == 0:
            return "\"%s,\" %s %s." % (q, who, verb)
        if style == 1:
            return "\u201c%s,\u201d %s said." % (q, who)
        if style == 2:
            return "%s said, \"%s.\"" % (capital(who), q)
        return "\"%s,\" said %s." % (q, who)

    def meeting_mention(m=None):
        m = m or world.meetings[rng.randrange(len(world.meetings))]
        d = datetime.date.fromisoformat(m["date"])
        return rng.choice(MEETING_MENTIONS).format(
            city=m.get("city") or "Washington", date=fmt_date(d, rng.randrange(3)))

    c = ctx()
    headline = rng.choice(HEADLINES).format(**c)
    outlet = rng.choice(OUTLETS)
    lines = []
    lines.extend(rng.choice(CHROME_TOP))
    lines.extend(rng.sample(world.chrome, rng.randint(0, 3)))
    if lines:
        lines.append("")
    lines.append(headline)
    lines.append("")
    style = rng.randrange(3)
    if style == 0:
        lines.append("By %s Staff Writer | %s | %s" % (outlet, fmt_date(pub, 1), outlet))
    elif style == 1:
        lines.append("%s, %s %s" % (outlet, WEEKDAYS[pub.weekday()], fmt_date(pub, 0)))
    else:
        lines.append("Published %s %02d:%02d" % (pub.isoformat(), rng.randrange(24),
                                                  rng.randrange(60)))
    lines.append("")

    s0 = speakers[0]
    lead = "%s \u2014 %s met %s on %s to discuss %s, at %s." % (
        city.split(",")[0].upper(), speaker_text(s0),
        rng.choice(["counterparts from both governments", "the other ministers",
                    "officials from the allied capital"]),
        WEEKDAYS[mdate.weekday()], topic, meeting_mention(meeting))
    earlier = [m for m in world.meetings if m["date"] < meeting["date"]]
    paragraphs = [[lead]]
    target = min(3000, max(150, int(rng.lognormvariate(6.4, 0.5))))  # median ~600 words
    words = len(lead.split())
    while words < target:
        para = []
        for _ in range(rng.randint(2, 5)):
            r = rng.random()
            if r < 0.28:
                s = quote()
            elif r < 0.31 and earlier:
                s = "The ministers last met at %s." % meeting_mention(
                    earlier[rng.randrange(len(earlier))])
            elif r < 0.36:
                s = rng.choice(SENTENCES).format(**ctx())
            else:
                s = rng.choice(world.sentences)
            para.append(s)
            words += len(s.split())
        paragraphs.append(para)
    for para in paragraphs:
        lines.append(" ".join(para))
        lines.append("")
    if rng.random() < 0.8:
        c2 = ctx()
        lines.append(rng.choice(TEASERS).format(
            headline2=rng.choice(HEADLINES).format(**c2), outlet=outlet))
    lines.extend(rng.choice(CHROME_BOTTOM))
    lines.extend(rng.sample(world.chrome, rng.randint(0, 4)))
    text = "\n".join(lines).rstrip("\n") + "\n"

    name = "%06d_%s.txt" % (i, digest[16:32])
    manifest = None
    if rng.random() < 1 / 3:
        manifest = {"file": name, "title": headline, "source": outlet,
                    "published": pub.isoformat()}
    return name, text, manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=os.path.join(ROOT, "data"),
                    help="reference data folder, when --rev is not given")
    ap.add_argument("--rev", help="read tests/fixtures and data/ from this git commit instead"
                    " of the working tree")
    a = ap.parse_args()
    if a.docs < 1:
        ap.error("--docs must be at least 1")
    world = World(GitRev(ROOT, a.rev) if a.rev else WorkTree(ROOT, a.data))
    os.makedirs(a.out, exist_ok=True)
    manifest = []
    for i in range(a.docs):
        name, text, m = make_doc(world, a.seed, i)
        with open(os.path.join(a.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if m:
            manifest.append(json.dumps(m, ensure_ascii=False, sort_keys=True))
    mpath = os.path.join(a.out, "manifest.jsonl")
    if manifest:
        with open(mpath, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(manifest) + "\n")
    elif os.path.exists(mpath):
        os.remove(mpath)


if __name__ == "__main__":
    main()
