#!/usr/bin/env python3
"""bench/scale-db.py SOURCE_DB FACTOR OUT_DB: a database FACTOR times the size of one
`twoplus ingest` built, for measuring search when the corpus that size cannot be ingested in
the time a benchmark has.

Copies SOURCE_DB to OUT_DB (through OUT_DB.tmp, renamed when complete) and adds FACTOR - 1
copies of every document and statement, with new seq numbers and ids ("ID-rK"; statements
point to their copy's document), then rebuilds the documents and statements FTS5 indexes. The
texts, titles, dates and sources are the same as the originals', so each search term has
FACTOR times the postings: an FTS index of the larger corpus's size and shape. Only search is
meant to be served from it: mentions, meetings and the other tables are left as they are
(their counts do not match the documents). Python 3 standard library only.
"""

import os
import shutil
import sqlite3
import sys
import time


def columns(db, table):
    return [r[1] for r in db.execute("PRAGMA table_info(%s)" % table)]


def replicate(db, table, factor, rewrite):
    cols = columns(db, table)
    top = db.execute("SELECT max(seq) FROM %s" % table).fetchone()[0] or 0
    for k in range(1, factor):
        exprs = []
        for c in cols:
            if c == "seq":
                exprs.append("seq + %d" % (k * top))
            elif c in rewrite:
                exprs.append(rewrite[c] % {"k": k, "top": k * top})
            else:
                exprs.append('"%s"' % c)
        db.execute('INSERT INTO %s (%s) SELECT %s FROM %s WHERE seq <= %d' % (
            table, ", ".join('"%s"' % c for c in cols), ", ".join(exprs), table, top))
    return top


def main():
    if len(sys.argv) != 4 or not sys.argv[2].isdigit() or int(sys.argv[2]) < 2:
        sys.exit("usage: scale-db.py SOURCE_DB FACTOR OUT_DB (FACTOR >= 2)")
    src, factor, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    tmp = out + ".tmp"
    t0 = time.monotonic()
    shutil.copyfile(src, tmp)
    db = sqlite3.connect(tmp, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    db.execute("BEGIN")
    docs = replicate(db, "documents", factor, {"id": "id || '-r%(k)d'"})
    stmts = replicate(db, "statements", factor, {
        "id": "id || '-r%(k)d'", "doc_id": "doc_id || '-r%(k)d'", "doc_seq": "doc_seq + %(top)d"})
    # doc_seq points at the document copy: its offset is the documents' top, not the
    # statements'; fix it with the document's own seq.
    db.execute("UPDATE statements SET doc_seq = (SELECT d.seq FROM documents d WHERE d.id ="
               " statements.doc_id) WHERE seq > %d" % stmts)
    for fts in ("documents_fts", "statements_fts"):
        db.execute("INSERT INTO %s(%s) VALUES ('rebuild')" % (fts, fts))
    db.execute("COMMIT")
    n = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    db.close()
    os.replace(tmp, out)
    print("scale-db: %d documents (%d x %d), %d statements x %d, %.0f s" % (
        n, docs, factor, stmts, factor, time.monotonic() - t0))


if __name__ == "__main__":
    main()
