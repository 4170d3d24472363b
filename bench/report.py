#!/usr/bin/env python3
"""bench/report.py RESULTS_TSV: the Markdown report of one bench/all.sh run.

Reads the tab-separated records bench/all.sh writes (meta, corpus, ingest, floor, restart,
wrk, path, rss, hits; "-earlier" kinds are figures of the run that built a reused database)
and prints: the targets of issues 8 and 7, met or not; ingest against the SQLite floor;
restart; the baselines; the endpoint mix with its ratios to the baselines of the same run;
search; peak RSS; and every wrk run. Medians over runs; a ratio is median over median.
Python 3 standard library only.
"""

import collections
import statistics
import sys

MIB = 1024.0


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def f0(x):
    return "-" if x is None else "{:,.0f}".format(x)


def f2(x):
    if x == float("inf"):
        return "none done"
    return "-" if x is None else "%.2f" % x


def yes(ok):
    return "-" if ok is None else ("**met**" if ok else "**not met**")


def load(path):
    recs = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            recs[parts[0]].append(parts[1:])
    return recs


def ndocs(s):
    """Documents of a label: "100000", or "100000s" for a scaled-up database."""
    return int(s.rstrip("s"))


def dlabel(s):
    return s[:-1] + " (scaled)" if s.endswith("s") else s


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


class Cells:
    """wrk runs grouped by (server, docs, cache, group, label, conns)."""

    def __init__(self, rows):
        self.cells = collections.OrderedDict()
        for server, docs, cache, group, label, conns, run, rps, p50, p99, err, ld in rows:
            key = (server, docs, cache, group, label, int(conns))
            run = dict(run=int(run), rps=num(rps), p50=num(p50), p99=num(p99), err=int(err),
                       load=ld)
            if not run["rps"]:  # no request completed within the run: latency unbounded
                run["p50"] = run["p99"] = float("inf")
            self.cells.setdefault(key, []).append(run)

    def summary(self, key):
        runs = self.cells[key]
        return dict(rps=med([r["rps"] for r in runs]), p50=med([r["p50"] for r in runs]),
                    p99=med([r["p99"] for r in runs]), err=sum(r["err"] for r in runs),
                    n=len(runs), lo=min(r["rps"] for r in runs),
                    hi=max(r["rps"] for r in runs))

    def base(self, server, conns):
        for key in self.cells:
            if key[0] == server and key[5] == conns:
                return self.summary(key)["rps"]
        return None


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: report.py RESULTS_TSV")
    recs = load(sys.argv[1])
    meta = collections.OrderedDict((k, v) for k, v in recs["meta"])
    cells = Cells(recs["wrk"])
    out = []
    p = out.append
    targets = []  # (target, figure, met)

    # ---- ingest and floor ------------------------------------------------------------------
    corpus = {int(n): (du, txt) for n, du, txt in recs["corpus"]}
    ingest = collections.defaultdict(list)
    floor = collections.defaultdict(list)
    earlier = {}
    for kind in ("ingest", "ingest-earlier"):
        for n, run, wall, rss, summary, ld, when, cpu in recs[kind]:
            ingest[int(n)].append((num(wall), num(rss), summary, ld, num(cpu)))
            earlier[int(n)] = (kind != "ingest", when)
    for kind in ("floor", "floor-earlier"):
        for n, run, total, line, ld, when in recs[kind]:
            floor[int(n)].append(num(total))
    ingest_rows = []
    for n in sorted(ingest):
        runs = ingest[n]
        walls = [w for w, *_ in runs]
        timed_out = any(w is None for w in walls)
        wall = None if timed_out else med(walls)
        rss = med([r for _, r, *_ in runs])
        cpu = med([r[4] for r in runs])
        fl = med(floor.get(n, []))
        ratio = wall / fl if wall and fl else None
        txt = num(corpus.get(n, ("", ""))[1])
        old, when = earlier[n]
        ingest_rows.append((n, txt, len(runs), wall, rss, fl, ratio, runs, old, when, timed_out,
                            cpu))
    # ---- restart ---------------------------------------------------------------------------
    restart = collections.defaultdict(list)
    for n, run, s, summary, ld in recs["restart"]:
        restart[int(n)].append((float(s), summary, ld))

    # ---- targets -------------------------------------------------------------------------
    mix = [k for k in cells.cells if k[0] == "twoplus"]
    sizes = {label: size for label, size in recs["size"]}
    mix_sizes = sorted({int(k[1]) for k in mix})

    def same_ratio(k):
        """A cached reply's req/s over bare libmicrohttpd serving its bytes, or None."""
        key = ("mhd-same", k[1], "-", "same", k[4], k[5])
        if k[2] == "0" or key not in cells.cells:
            return None
        b = cells.summary(key)["rps"]
        return cells.summary(k)["rps"] / b if b else None

    def worst_ratio(pred, base_server, need):
        worst = None
        for k in mix:
            if not pred(k):
                continue
            b = cells.base(base_server, k[5])
            r = cells.summary(k)["rps"] / b if b else None
            if r is not None and (worst is None or r < worst[0]):
                worst = (r, k)
        if not worst:
            return "not measured", None
        r, k = worst
        return ("lowest %.2fx (%s, %s docs, %d conns)" % (r, k[4], k[1], k[5]),
                r >= need)

    fig, ok = worst_ratio(lambda k: k[2] != "0", "mhd-static", 0.8)
    targets.append(("Cacheable GETs >= 0.8x minimal libmicrohttpd persistent response", fig, ok))
    worst = None
    for k in mix:
        r = same_ratio(k)
        if r is not None and (worst is None or r < worst[0]):
            worst = (r, k)
    if worst:
        targets.append(("Cacheable GETs >= 0.8x a persistent libmicrohttpd response of the same "
                        "bytes", "lowest %.2fx (%s, %s docs, %d conns)" % (
                            worst[0], worst[1][4], worst[1][1], worst[1][5]), worst[0] >= 0.8))
    fig, ok = worst_ratio(lambda k: k[2] == "0" and k[3] == "pk", "mhd-pk", 1.0)
    targets.append(("Uncached single-resource GETs >= 1.0x SQLite+jansson one row", fig, ok))
    fig, ok = worst_ratio(lambda k: k[2] == "0" and k[3] == "list", "mhd-list", 1.0)
    targets.append(("Uncached 20-row lists >= 1.0x SQLite+jansson 20 rows", fig, ok))
    for conns, limit in ((64, 10.0), (256, 25.0)):
        for cache_on in (True, False):
            ks = [k for k in mix if k[5] == conns and (k[2] != "0") == cache_on]
            if not ks:
                continue
            over = [(cells.summary(k)["p99"], k) for k in ks
                    if cells.summary(k)["p99"] > limit or cells.summary(k)["err"]]
            worst = max(ks, key=lambda k: cells.summary(k)["p99"])
            fig = "worst %.2f ms (%s, %s docs)" % (cells.summary(worst)["p99"], worst[4],
                                                   worst[1])
            if over:
                fig += "; over or with errors: " + ", ".join(
                    "%s %.1f ms%s" % (k[4], v, " +%d errors" % cells.summary(k)["err"]
                                      if cells.summary(k)["err"] else "")
                    for v, k in sorted(over, reverse=True))
            targets.append(("p99 <= %g ms at %d connections, every endpoint, cache %s"
                            % (limit, conns, "on" if cache_on else "off"), fig, not over))
    if ingest_rows:
        row = ingest_rows[-1]
        n, ratio = row[0], row[6]
        fig = ("%s docs: %s s vs floor %s s = %sx" % (n, f2(row[3]), f2(row[5]), f2(ratio))
               if ratio else "%s docs: %s" % (n, "timed out" if row[10] else "no figure"))
        if row[8]:
            fig += " (from the run of %s that built the database)" % row[9]
        targets.append(("Ingest of the 100k corpus <= 1.5x the SQLite floor", fig,
                        ratio <= 1.5 if ratio and n >= 100000 else (False if ratio and ratio > 1.5 else None)))
    if restart:
        n = max(restart)
        s = med([x[0] for x in restart[n]])
        targets.append(("Restart on the unchanged 100k corpus ready in <= 2 s",
                        "%d docs: median %.2f s" % (n, s),
                        s <= 2.0 if n >= 100000 else (False if s > 2.0 else None)))
    rss_rows = [(name, docs, num(kb), cache, rc) for name, docs, kb, cache, rc in recs["rss"]]
    served = [r for r in rss_rows if r[1] != "-" and r[0].startswith("twoplus")]
    if served:
        n = max(ndocs(r[1]) for r in served)
        worst = None
        for name, docs, kb, cache, rc in served:
            if ndocs(docs) != n or kb is None:
                continue
            limit = 150 + int(cache)
            if worst is None or kb / MIB - limit > worst[0] / MIB - worst[1]:
                worst = (kb, limit, name + (", scaled-up database" if docs.endswith("s") else ""))
        if worst:
            kb, limit, name = worst
            targets.append(("Peak RSS serving the 100k corpus <= 150 MiB + the cache",
                            "%d docs: %.0f MiB (%s; limit %d MiB)" % (n, kb / MIB, name, limit),
                            kb / MIB <= limit if n >= 100000 else (False if kb / MIB > limit else None)))
    search = [k for k in cells.cells if k[0] == "twoplus-search"]
    if search:
        n = max(ndocs(k[1]) for k in search)
        for k in [k for k in search if ndocs(k[1]) == n]:
            s = cells.summary(k)
            targets.append(("Issue 7: search p99 < 10 ms, two-word query, 100k corpus, 64 conns",
                            "%s docs, %s: p99 %.2f ms, p50 %.2f ms, %s req/s%s" % (
                                dlabel(k[1]), k[4], s["p99"], s["p50"], f0(s["rps"]),
                                ", %d errors" % s["err"] if s["err"] else ""),
                            s["p99"] < 10 and not s["err"] if n >= 100000 else
                            (False if s["p99"] >= 10 else None)))

    # ---- the report ------------------------------------------------------------------------
    p("# twoplus benchmark (bench/all.sh)")
    p("")
    for k, v in meta.items():
        p("- %s: %s" % (k.replace("_", " "), v))
    p("")
    if recs["corpus"]:
        p("- corpora (bench/gen-corpus.py): " + "; ".join(
            "%s docs, %s MiB of text" % (n, txt) for n, du, txt in recs["corpus"]))
    p("")
    p("## Targets (issue 8, and issue 7's search latency)")
    p("")
    p("A target stated for the 100k corpus and measured only on a smaller one is marked '-' "
      "when the smaller figure meets it, and 'not met' when even the smaller one misses it.")
    p("")
    p("| target | figure | |")
    p("|---|---|---|")
    for t, fig, ok in targets:
        p("| %s | %s | %s |" % (t, fig, yes(ok)))
    p("")
    if ingest_rows:
        p("## Ingest (`twoplus ingest`, /usr/bin/time -v) against the SQLite floor (bench/floor.c)")
        p("")
        p("| docs | corpus MiB (.txt) | runs | ingest wall s (median) | ingest CPU s (user+sys) "
          "| MiB/s | peak RSS MiB | floor s (median of 3) | ingest/floor | load1 at start "
          "| measured |")
        p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
        for n, txt, nruns, wall, rss, fl, ratio, runs, old, when, timed_out, cpu in ingest_rows:
            p("| %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                n, f2(txt), nruns, "timed out" if timed_out else f2(wall), f2(cpu),
                f2(txt / wall) if txt and wall else "-", f0(rss / MIB) if rss else "-", f2(fl),
                ("%.1fx" % ratio) if ratio else "-", " ".join(r[3] for r in runs),
                ("earlier run, " if old else "") + when))
        for n, *_rest in ingest_rows:
            runs = _rest[6]
            if runs and runs[-1][2]:
                p("")
                p("`%d` docs, twoplus's own summary (last run): `%s`" % (n, runs[-1][2]))
        p("")
    if restart:
        p("## Restart: `twoplus serve --db FILE` on the unchanged corpus until /readyz is 200")
        p("")
        p("| docs | runs | median s | min s | max s | twoplus's summary (last run) |")
        p("|---:|---:|---:|---:|---:|---|")
        for n in sorted(restart):
            xs = [x[0] for x in restart[n]]
            p("| %d | %d | %.3f | %.3f | %.3f | %s |" % (n, len(xs), med(xs), min(xs), max(xs),
                                                      restart[n][-1][1]))
        p("")
    bases = [k for k in cells.cells if k[0] in ("mhd-static", "nginx", "mhd-pk", "mhd-list")]
    if bases:
        p("## Baselines (same run)")
        p("")
        p("| server | what | conns | req/s | p50 ms | p99 ms | runs (req/s low-high) | errors |")
        p("|---|---|---:|---:|---:|---:|---|---:|")
        for k in bases:
            s = cells.summary(k)
            p("| %s | %s | %d | %s | %s | %s | %d (%s-%s) | %d |" % (
                k[0], k[4], k[5], f0(s["rps"]), f2(s["p50"]), f2(s["p99"]), s["n"], f0(s["lo"]),
                f0(s["hi"]), s["err"]))
        p("")
    paths = collections.OrderedDict((label, path) for label, path in recs["path"])
    for n in mix_sizes:
        p("## Endpoint mix on the %d-document corpus" % n)
        p("")
        p("Ratio: median req/s over the baseline's median at the same connection count; "
          "cache on is compared with the persistent 2 KB libmicrohttpd response (target 0.8x), "
          "cache off with one SQLite row -> jansson for single resources and with twenty rows "
          "for lists (target 1.0x). p99 target: 10 ms at 64 connections, 25 ms at 256.")
        p("")
        p("Same bytes: a cached reply against bare libmicrohttpd serving the very body twoplus "
          "sent (`baseline_mhd file`, measured right after it), with its size in bytes.")
        p("")
        p("| endpoint | cache MiB | conns | req/s | p50 ms | p99 ms | vs baseline | vs nginx "
          "| vs same bytes | ratio target | p99 target | errors |")
        p("|---|---:|---:|---:|---:|---:|---|---:|---|---|---|---:|")
        for k in [k for k in mix if int(k[1]) == n]:
            s = cells.summary(k)
            base = {"static": "mhd-static", "pk": "mhd-pk", "list": "mhd-list"}[k[3]]
            b = cells.base(base, k[5])
            ng = cells.base("nginx", k[5])
            ratio = s["rps"] / b if b else None
            need = 0.8 if k[3] == "static" else 1.0
            limit = 10.0 if k[5] <= 64 else 25.0
            same = same_ratio(k)
            p("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d |" % (
                k[4], k[2], k[5], f0(s["rps"]), f2(s["p50"]), f2(s["p99"]),
                ("%.2fx %s" % (ratio, base)) if ratio is not None else "-",
                ("%.2fx" % (s["rps"] / ng)) if ng else "-",
                ("%.2fx (%s B)" % (same, sizes.get(k[4], "?"))) if same is not None else "-",
                yes(ratio >= need) if ratio is not None else "-", yes(s["p99"] <= limit and not s["err"]),
                s["err"]))
        p("")
        p("Paths: " + "; ".join("%s `%s`" % (label, path) for label, path in paths.items()))
        p("")
    if search:
        p("## Search, 64 connections, --cache-mb 0")
        p("")
        hits = {(n, q): t for n, q, t in recs["hits"]}
        p("| docs | query | matches | req/s | p50 ms | p99 ms | runs | errors |")
        p("|---:|---|---:|---:|---:|---:|---:|---:|")
        for k in search:
            s = cells.summary(k)
            q = k[4][len("search '"):-1]
            p("| %s | %s | %s | %s | %s | %s | %d | %d |" % (
                dlabel(k[1]), q, hits.get((k[1], q), "?"), f0(s["rps"]), f2(s["p50"]),
                f2(s["p99"]), s["n"], s["err"]))
        p("")
    if recs["settle"]:
        p("## Backlogs: seconds until the server answered /healthz again after a load")
        p("")
        p("A server handed more slow requests than it can answer keeps working through them "
          "after wrk has closed its connections; the next measurement waits for it (only "
          "waits of 2 s and more are listed).")
        p("")
        p("| load | after | seconds |")
        p("|---|---|---:|")
        for url, what, secs in recs["settle"]:
            p("| `%s` | %s | %s |" % (url.split("/", 3)[-1], what, secs))
        p("")
    if recs["check"]:
        p("## One request before each load (curl, cold): status and time")
        p("")
        p("| request | status | ms | body (start, when not 200) |")
        p("|---|---:|---:|---|")
        for what, code, ms, body in recs["check"]:
            p("| %s | %s | %s | %s |" % (what, code, ms,
                                          "" if code == "200" else "`%s`" % body[:160]))
        p("")
    if rss_rows:
        p("## Peak RSS of each server (/usr/bin/time -v, whole life of the process)")
        p("")
        p("| server | docs | cache MiB | peak RSS MiB | exit status |")
        p("|---|---|---|---:|---|")
        for name, docs, kb, cache, rc in rss_rows:
            p("| %s | %s | %s | %s | %s |" % (name, docs, cache, f0(kb / MIB) if kb else "-",
                                            rc or "-"))
        p("")
    p("<details><summary>every wrk run</summary>")
    p("")
    p("| server | docs | cache | what | conns | run | req/s | p50 ms | p99 ms | errors | load1 |")
    p("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for k, runs in cells.cells.items():
        for r in runs:
            p("| %s | %s | %s | %s | %d | %d | %s | %s | %s | %d | %s |" % (
                k[0], k[1], k[2], k[4], k[5], r["run"], f0(r["rps"]), f2(r["p50"]),
                f2(r["p99"]), r["err"], r["load"]))
    p("")
    p("</details>")
    print("\n".join(out))


if __name__ == "__main__":
    main()
