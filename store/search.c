/* store/search.c: ranked full-text search across documents, statements and entities (FTS5,
 * BM25 with field weights), with snippets and match offsets into the clean text. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_search_sorts[] = {"rank", NULL};

/* ---- twoplus_offsets(): byte offsets of the matches, for highlighting the source ---- */

struct offsets_token {
    int index;          /* token number in the column */
    int start, end;     /* bytes */
};

struct offsets_walk {
    int *want;          /* sorted token indexes whose offsets we need */
    int nwant, next, at;
    struct offsets_token *found;
};

static int offsets_token_cb(void *ctx, int flags, const char *token, int n, int start, int end)
{
    struct offsets_walk *w = ctx;

    (void)token;
    (void)n;
    if (flags & FTS5_TOKEN_COLOCATED)
        return SQLITE_OK;
    while (w->next < w->nwant && w->want[w->next] == w->at) {
        w->found[w->next] = (struct offsets_token){w->at, start, end};
        w->next++;
    }
    w->at++;
    return w->next < w->nwant ? SQLITE_OK : SQLITE_DONE;
}

static int offsets_int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void offsets_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                       int argc, sqlite3_value **argv)
{
    int col = argc > 0 ? sqlite3_value_int(argv[0]) : 0, ninst = 0, nwant = 0, rc;
    const char *text = NULL;
    int text_len = 0;
    int *want = NULL, (*inst)[2] = NULL;
    struct offsets_token *found = NULL;
    struct offsets_walk walk;
    char *json = NULL;
    size_t json_len = 0;
    FILE *f;

    if (api->xInstCount(fts, &ninst) != SQLITE_OK || ninst == 0 ||
        api->xColumnText(fts, col, &text, &text_len) != SQLITE_OK || !text) {
        sqlite3_result_text(ctx, "[]", 2, SQLITE_STATIC);
        return;
    }
    want = calloc((size_t)ninst * 2, sizeof(int));
    inst = calloc((size_t)ninst, sizeof(*inst));
    found = calloc((size_t)ninst * 2, sizeof(*found));
    if (!want || !inst || !found)
        goto oom;
    for (int i = 0; i < ninst; i++) {
        int phrase, icol, off;
        if (api->xInst(fts, i, &phrase, &icol, &off) != SQLITE_OK || icol != col) {
            inst[i][0] = -1;
            continue;
        }
        inst[i][0] = off;
        inst[i][1] = off + api->xPhraseSize(fts, phrase) - 1;
        want[nwant++] = inst[i][0];
        want[nwant++] = inst[i][1];
    }
    qsort(want, (size_t)nwant, sizeof(int), offsets_int_cmp);
    walk = (struct offsets_walk){.want = want, .nwant = nwant, .found = found};
    rc = api->xTokenize(fts, text, text_len, &walk, offsets_token_cb);
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        goto oom;
    f = open_memstream(&json, &json_len);
    if (!f)
        goto oom;
    fputc('[', f);
    for (int i = 0, first = 1; i < ninst; i++) {
        int s = -1, e = -1;
        if (inst[i][0] < 0)
            continue;
        for (int k = 0; k < walk.next; k++) {
            if (found[k].index == inst[i][0] && s < 0)
                s = found[k].start;
            if (found[k].index == inst[i][1])
                e = found[k].end;
        }
        if (s < 0 || e < 0)
            continue;
        fprintf(f, "%s[%d,%d]", first ? "" : ",", s, e);
        first = 0;
    }
    fputc(']', f);
    if (fclose(f) != 0)
        goto oom;
    sqlite3_result_text(ctx, json, (int)json_len, free);
    free(want);
    free(inst);
    free(found);
    return;
oom:
    free(want);
    free(inst);
    free(found);
    sqlite3_result_error_nomem(ctx);
}

/* ---- twoplus_column(): the column a hit's snippet comes from ---- */

/* twoplus_column(fts, c0, c1, ...): the first of the columns c0, c1, ... that holds a match in
 * the current row, else c0. snippet() on a column without a match returns its start with no
 * mark at all, so a document found by its title alone, or a statement by its speaker's name,
 * would show the reader nothing of why it was found. */
static void column_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                      int argc, sqlite3_value **argv)
{
    int ninst = 0;
    unsigned long long hit_cols = 0; /* bit c: column c has a match (columns past 63 ignored) */

    if (argc < 1) {
        sqlite3_result_error(ctx, "twoplus_column: no column given", -1);
        return;
    }
    if (api->xInstCount(fts, &ninst) == SQLITE_OK) {
        for (int i = 0; i < ninst; i++) {
            int phrase, col, off;
            if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && col >= 0 && col < 64)
                hit_cols |= 1ull << col;
        }
    }
    for (int a = 0; a < argc; a++) {
        int col = sqlite3_value_int(argv[a]);
        if (col >= 0 && col < 64 && (hit_cols & (1ull << col))) {
            sqlite3_result_int(ctx, col);
            return;
        }
    }
    sqlite3_result_value(ctx, argv[0]);
}

int store_search_register(sqlite3 *conn)
{
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    int rc;

    if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(conn, "fts5 api");
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (!api)
        return store_fail(conn, "fts5 api missing");
    rc = api->xCreateFunction(api, "twoplus_offsets", NULL, offsets_fn, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "twoplus_column", NULL, column_fn, NULL);
    return rc == SQLITE_OK ? STORE_OK : store_fail(conn, "register search functions");
}

/* ---- the search itself ----
 * Bounded top-k. Each type's FTS5 index is scanned once for the rowid and BM25 of every
 * match (the filters that need the row are checked in the same pass, by rowid); only the
 * limit + 1 best of each type (and the rows tied with the last of them) are kept, in a heap.
 * Only those rows are read from their tables, the three short lists are merged in C, and only
 * the page's hits get a snippet. No sorter ever holds every match, and the wide rows
 * (documents) are read for the page alone. The scan also counts the matches: the total. */

/* One type of hit: how to scan its index, and how to read one of its rows. */
struct search_branch {
    const char *type;
    const char *scan;     /* yields the rowid and rank of every match ... */
    const char *join;     /* ... joined to the row table when a condition reads the row ... */
    const char *match;    /* ... of this condition on ?1, the query; filters are ANDed to it */
    const char *row;      /* ?1 the rowid, ?2 the rank: the hit as the API shows it */
    const char *field;    /* what matches.offsets index (NULL: none) */
    const char *decorate; /* ?1 the query, ?2 ?3 the marks, ?4 the rowid: snippet, offsets */
};

/* Snippets and offsets: the snippet comes from the first column with a match
 * (twoplus_column); the offsets index the clean text (documents) or the quoted words
 * (statements), the field the API names. "rowid = ?4" with MATCH makes FTS5 seek that row in
 * its doclists instead of walking every match. */
static const struct search_branch search_branches[] = {
    {"document",
     "SELECT documents_fts.rowid, bm25(documents_fts, 10.0, 1.0) FROM documents_fts",
     " JOIN documents d ON d.seq = documents_fts.rowid", "documents_fts MATCH ?1",
     "SELECT 'document' AS type, d.id AS id, d.title AS title, NULL AS text, d.id AS document, "
     "d.published AS date, round(-?2, 6) AS score FROM documents d WHERE d.seq = ?1",
     "text",
     "SELECT snippet(documents_fts, twoplus_column(documents_fts, 1, 0), ?2, ?3, "
     "'\xe2\x80\xa6', 16), twoplus_offsets(documents_fts, 1) FROM documents_fts "
     "WHERE documents_fts MATCH ?1 AND rowid = ?4"},
    {"statement",
     "SELECT statements_fts.rowid, bm25(statements_fts, 1.0, 0.5) FROM statements_fts",
     " JOIN statements s ON s.seq = statements_fts.rowid",
     "statements_fts MATCH ?1 AND s.kind <> 'term'",
     "SELECT 'statement' AS type, s.id AS id, NULL AS title, s.text AS text, s.doc_id AS "
     "document, s.date AS date, round(-?2, 6) AS score FROM statements s WHERE s.seq = ?1",
     "statement",
     "SELECT snippet(statements_fts, twoplus_column(statements_fts, 0, 1), ?2, ?3, "
     "'\xe2\x80\xa6', 16), twoplus_offsets(statements_fts, 0) FROM statements_fts "
     "WHERE statements_fts MATCH ?1 AND rowid = ?4"},
    {"entity",
     "SELECT entities_fts.rowid, bm25(entities_fts, 5.0, 2.0) FROM entities_fts",
     " JOIN entities e ON e.seq = entities_fts.rowid",
     "entities_fts MATCH ?1 AND e.mention_count > 0",
     "SELECT 'entity' AS type, e.id AS id, e.name AS title, NULL AS text, NULL AS document, "
     "NULL AS date, round(-?2, 6) AS score FROM entities e WHERE e.seq = ?1",
     NULL,
     "SELECT snippet(entities_fts, -1, ?2, ?3, '\xe2\x80\xa6', 8), '[]' FROM entities_fts "
     "WHERE entities_fts MATCH ?1 AND rowid = ?4"},
};
#define SEARCH_BRANCHES (sizeof(search_branches) / sizeof(search_branches[0]))
enum { SEARCH_DOCUMENT, SEARCH_STATEMENT, SEARCH_ENTITY };

/* A match as the scan sees it. key orders best first, whatever the direction: the rank for
 * sort=rank, minus the rank for sort=-rank (negation is exact, so ties stay ties). */
struct search_match {
    double key, rank;
    int64_t rowid;
};

/* The best matches of one branch so far: a max-heap of at most k (the worst on top), and the
 * matches that tie with that worst one but did not fit. Together they are every match whose
 * key is at most the k-th best key, so the id can break ties afterwards. */
struct search_top {
    struct search_match *heap, *ties;
    size_t k, n, nties, ties_cap;
};

static void top_sift_down(struct search_match *h, size_t n, size_t i)
{
    for (;;) {
        size_t worst = i, l = 2 * i + 1, r = l + 1;
        struct search_match t;
        if (l < n && h[l].key > h[worst].key)
            worst = l;
        if (r < n && h[r].key > h[worst].key)
            worst = r;
        if (worst == i)
            return;
        t = h[i];
        h[i] = h[worst];
        h[worst] = t;
        i = worst;
    }
}

static int top_tie(struct search_top *t, struct search_match m)
{
    if (t->nties == t->ties_cap) {
        size_t cap = t->ties_cap ? 2 * t->ties_cap : 16;
        struct search_match *p = realloc(t->ties, cap * sizeof(*p));
        if (!p)
            return STORE_NOMEM;
        t->ties = p;
        t->ties_cap = cap;
    }
    t->ties[t->nties++] = m;
    return STORE_OK;
}

/* Offers m to the top. STORE_OK or STORE_NOMEM. */
static int top_add(struct search_top *t, struct search_match m)
{
    struct search_match out;

    if (t->n < t->k) {
        size_t i = t->n++;
        t->heap[i] = m;
        while (i > 0 && t->heap[(i - 1) / 2].key < t->heap[i].key) {
            struct search_match p = t->heap[(i - 1) / 2];
            t->heap[(i - 1) / 2] = t->heap[i];
            t->heap[i] = p;
            i = (i - 1) / 2;
        }
        return STORE_OK;
    }
    if (m.key > t->heap[0].key)
        return STORE_OK;
    if (m.key == t->heap[0].key)
        return top_tie(t, m);
    out = t->heap[0]; /* m is better than the worst kept: that one leaves */
    t->heap[0] = m;
    top_sift_down(t->heap, t->n, 0);
    if (t->heap[0].key == out.key)
        return top_tie(t, out); /* still tied with the new worst */
    t->nties = 0;               /* the ties were all worse than the new worst */
    return STORE_OK;
}

/* A hit of the merged list: its row as JSON and its sort id, "type:id", as cursors hold it. */
struct search_hit {
    double key, rank;
    int64_t rowid;
    size_t branch;
    int desc; /* sort=-rank: ids break ties descending too */
    char *sort_id;
    json_t *row;
};

static void search_hits_free(struct search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(hits[i].sort_id);
        json_decref(hits[i].row);
    }
    free(hits);
}

/* Reads one hit's row into *hit. STORE_OK, STORE_NOTFOUND (no such row), or an error. */
static int search_row(struct store *st, size_t b, const struct search_match *m,
                      struct search_hit *hit)
{
    sqlite3_stmt *stmt = store_stmt(st, search_branches[b].row);
    const char *id;
    int step, rc = STORE_OK;

    *hit = (struct search_hit){.key = m->key, .rank = m->rank, .rowid = m->rowid, .branch = b};
    if (!stmt)
        return STORE_ERROR;
    sqlite3_bind_int64(stmt, 1, m->rowid);
    sqlite3_bind_double(stmt, 2, m->rank);
    step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        hit->row = store_row_json(stmt);
        id = json_string_value(json_object_get(hit->row, "id"));
        if (!hit->row || !id ||
            asprintf(&hit->sort_id, "%s:%s", search_branches[b].type, id) < 0) {
            hit->sort_id = NULL;
            rc = STORE_NOMEM;
        }
    } else {
        rc = step == SQLITE_DONE ? STORE_NOTFOUND : store_fail(st->conn, "search row");
    }
    sqlite3_reset(stmt);
    if (rc != STORE_OK) {
        json_decref(hit->row);
        free(hit->sort_id);
        hit->row = NULL;
        hit->sort_id = NULL;
    }
    return rc;
}

/* The order of the merged list: key, then the sort id, descending for sort=-rank as the key
 * already is (qsort has no context argument: each hit carries the direction). */
static int search_hit_cmp(const void *pa, const void *pb)
{
    const struct search_hit *a = pa, *b = pb;
    int c;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    c = strcmp(a->sort_id, b->sort_id);
    return a->desc ? -c : c;
}

/* The state of one search: the query, the page, the merged candidates. */
struct search_run {
    struct store *st;
    const struct store_search_query *q;
    const struct store_page *page;
    int has_after;
    double after_key; /* the cursor's key, in the direction of the sort */
    struct search_hit *hits;
    size_t nhits, cap;
    int64_t total;
};

/* True if a match of key/sort_id comes after the cursor (always true without one). */
static int search_after_cursor(const struct search_run *run, double key, const char *sort_id)
{
    int c;

    if (!run->has_after || key > run->after_key)
        return 1;
    if (key < run->after_key)
        return 0;
    c = strcmp(sort_id, run->page->after_id);
    return run->page->desc ? c < 0 : c > 0;
}

static int search_keep(struct search_run *run, struct search_hit *hit)
{
    if (run->nhits == run->cap) {
        size_t cap = run->cap ? 2 * run->cap : 64;
        struct search_hit *p = realloc(run->hits, cap * sizeof(*p));
        if (!p)
            return STORE_NOMEM;
        run->hits = p;
        run->cap = cap;
    }
    run->hits[run->nhits++] = *hit;
    return STORE_OK;
}

/* The filters of branch b, added to spec (whose ?1 is the query). Sets *need_join when one
 * reads the row; *none when a filter can match no hit of this type. */
static void search_filters(const struct store_search_query *q, size_t b,
                           struct store_list_spec *spec, int *need_join, int *none)
{
    *need_join = b == SEARCH_STATEMENT || b == SEARCH_ENTITY; /* kind, mention_count */
    *none = 0;
    if (((q->from || q->to || q->source) && b == SEARCH_ENTITY) ||
        (q->speaker && b != SEARCH_STATEMENT)) {
        *none = 1; /* entities have neither a date nor a source; only statements a speaker */
        return;
    }
    if (q->from || q->to || q->source || q->entity)
        *need_join = 1;
    if (q->from) {
        const char *fmt = b == SEARCH_DOCUMENT ? "d.published >= ?" : "s.date >= ?";
        store_where_text(spec, fmt, q->from);
    }
    if (q->to) {
        const char *fmt =
            b == SEARCH_DOCUMENT ? "d.published <= ? || '-99'" : "s.date <= ? || '-99'";
        store_where_text(spec, fmt, q->to);
    }
    if (q->source) {
        const char *fmt = b == SEARCH_DOCUMENT
                              ? "d.source = ? COLLATE NOCASE"
                              : "(SELECT d.source FROM documents d WHERE d.id = s.doc_id) = ? "
                                "COLLATE NOCASE";
        store_where_text(spec, fmt, q->source);
    }
    if (q->speaker)
        store_where_text(spec, "s.speaker_id = ?", q->speaker);
    if (q->entity) {
        static const char *const cond[] = {
            "d.id IN (SELECT doc_id FROM mentions WHERE entity_id = ?)",
            ("s.speaker_id = ? OR s.id IN (SELECT statement_id FROM statement_entities WHERE "
             "entity_id = ?)"),
            "e.id = ?",
        };
        store_where_text(spec, cond[b], q->entity);
    }
}

/* Scans branch b's index: counts its matches into run->total and adds its best ones after the
 * cursor (at most limit + 1, and their ties) to run->hits. STORE_OK or an error (STORE_BADQUERY
 * for an advanced query FTS5 refuses, STORE_TIMEOUT past the deadline). */
static int search_branch(struct search_run *run, size_t b)
{
    const struct search_branch *br = &search_branches[b];
    struct store_list_spec spec = {0};
    struct search_top top = {.k = (size_t)run->page->limit + 1};
    char *sql = NULL;
    sqlite3_stmt *stmt;
    int need_join, none, step, rc = STORE_OK;

    store_bind_text(&spec, run->q->fts);
    search_filters(run->q, b, &spec, &need_join, &none);
    if (none)
        return STORE_OK;
    if (spec.overflow)
        return STORE_ERROR;
    if (asprintf(&sql, "%s%s WHERE %s%s%s", br->scan, need_join ? br->join : "", br->match,
                 *spec.where ? " AND " : "", spec.where) < 0)
        return STORE_NOMEM;
    stmt = store_stmt(run->st, sql);
    free(sql);
    if (!stmt)
        return STORE_ERROR;
    top.heap = malloc(top.k * sizeof(*top.heap));
    if (!top.heap)
        return STORE_NOMEM;
    store_bind_all(stmt, &spec);
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct search_match m = {.rowid = sqlite3_column_int64(stmt, 0),
                                 .rank = sqlite3_column_double(stmt, 1)};
        m.key = run->page->desc ? -m.rank : m.rank;
        run->total++;
        if (run->has_after && m.key <= run->after_key) {
            /* At the cursor's key only the id tells: read it (rare, ties with the cursor). */
            struct search_hit hit;
            int after;
            if (m.key < run->after_key)
                continue;
            rc = search_row(run->st, b, &m, &hit);
            if (rc == STORE_NOTFOUND)
                rc = STORE_OK; /* no row: no hit (hit.sort_id is NULL) */
            if (rc != STORE_OK)
                break;
            after = hit.sort_id && search_after_cursor(run, m.key, hit.sort_id);
            free(hit.sort_id);
            json_decref(hit.row);
            if (!after)
                continue;
        }
        rc = top_add(&top, m);
        if (rc != STORE_OK)
            break;
    }
    if (rc == STORE_OK && step != SQLITE_DONE)
        rc = store_fail(run->st->conn, "search scan");
    sqlite3_reset(stmt);
    /* Only the kept matches are read from the table. */
    for (size_t i = 0; rc == STORE_OK && i < top.n + top.nties; i++) {
        struct search_hit hit;
        rc = search_row(run->st, b, i < top.n ? &top.heap[i] : &top.ties[i - top.n], &hit);
        if (rc == STORE_NOTFOUND) { /* the index names a row the table lacks: skip it */
            fprintf(stderr, "twoplus: store: search: no %s row %lld\n", br->type,
                    (long long)(i < top.n ? top.heap[i] : top.ties[i - top.n]).rowid);
            rc = STORE_OK;
            continue;
        }
        if (rc == STORE_OK && (rc = search_keep(run, &hit)) != STORE_OK) {
            free(hit.sort_id);
            json_decref(hit.row);
        }
    }
    free(top.heap);
    free(top.ties);
    return rc;
}

/* Adds "snippet" and "matches": {"field", "offsets"} to a page's hit. Returns STORE_OK, or
 * STORE_NOMEM, STORE_TIMEOUT, STORE_ERROR. */
static int search_decorate(struct store *st, const struct store_search_query *q,
                           const struct search_hit *h)
{
    const struct search_branch *br = &search_branches[h->branch];
    sqlite3_stmt *stmt = store_stmt(st, br->decorate);
    json_t *snippet = NULL, *offsets = NULL, *matches;
    int step, rc = STORE_OK;

    if (!stmt)
        return STORE_ERROR;
    sqlite3_bind_text(stmt, 1, q->fts, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, q->mark_open, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, q->mark_close, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, h->rowid);
    step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 0);
        const char *json = (const char *)sqlite3_column_text(stmt, 1);
        /* snippet() cuts at token boundaries, so its text is whole UTF-8 as the column was. */
        snippet = json_stringn(text ? text : "", text ? (size_t)sqlite3_column_bytes(stmt, 0) : 0);
        offsets = json ? json_loadb(json, (size_t)sqlite3_column_bytes(stmt, 1), 0, NULL)
                       : json_array();
        if (!snippet || !offsets)
            rc = STORE_NOMEM;
    } else if (step == SQLITE_DONE) {
        /* The scan found this row with the same query on the same read-only data. */
        fprintf(stderr, "twoplus: store: search snippet: no %s %s\n", br->type, h->sort_id);
        rc = STORE_ERROR;
    } else {
        rc = store_fail(st->conn, "search snippet");
    }
    sqlite3_reset(stmt);
    if (rc == STORE_OK) {
        matches = json_pack("{s:o, s:O}", "field", br->field ? json_string(br->field) : json_null(),
                            "offsets", offsets);
        if (!matches || json_object_set(h->row, "snippet", snippet) != 0) {
            json_decref(matches);
            rc = STORE_NOMEM;
        } else if (json_object_set_new(h->row, "matches", matches) != 0) {
            rc = STORE_NOMEM;
        }
    }
    json_decref(snippet);
    json_decref(offsets);
    return rc;
}

/* Fills out with the first page->limit hits of the merged candidates (sorted here), the
 * cursor of the last one when more follow, and the total. */
static int search_page(struct search_run *run, struct store_list *out)
{
    size_t n = run->nhits < (size_t)run->page->limit ? run->nhits : (size_t)run->page->limit;
    int rc = STORE_OK;

    for (size_t i = 0; i < run->nhits; i++)
        run->hits[i].desc = run->page->desc;
    if (run->nhits) /* qsort's array must not be NULL, even when empty */
        qsort(run->hits, run->nhits, sizeof(*run->hits), search_hit_cmp);
    out->total = run->total;
    out->has_more = run->nhits > n;
    out->items = json_array();
    if (!out->items)
        return STORE_NOMEM;
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        rc = search_decorate(run->st, run->q, &run->hits[i]);
        if (rc == STORE_OK && json_array_append(out->items, run->hits[i].row) != 0)
            rc = STORE_NOMEM;
    }
    if (rc == STORE_OK && out->has_more) {
        char num[40];
        snprintf(num, sizeof(num), "%.17g", run->hits[n - 1].rank);
        out->next_key = strdup(num);
        out->next_id = strdup(run->hits[n - 1].sort_id);
        if (!out->next_key || !out->next_id)
            rc = STORE_NOMEM;
    }
    return rc;
}

int store_search(struct store *st, const struct store_search_query *q,
                 const struct store_page *page, struct store_list *out)
{
    struct search_run run = {.st = st, .q = q, .page = page};
    int rc = STORE_OK;

    memset(out, 0, sizeof(*out));
    if (strcmp(page->sort, "rank") != 0 || page->limit < 1)
        return STORE_ERROR; /* the handler validates both */
    if (page->after_key) {
        double rank = strtod(page->after_key, NULL);
        run.has_after = 1;
        run.after_key = page->desc ? -rank : rank;
        if (!page->after_id)
            return STORE_ERROR;
    }
    for (size_t b = 0; rc == STORE_OK && b < SEARCH_BRANCHES; b++)
        if (q->types & (1u << b))
            rc = search_branch(&run, b);
    if (rc == STORE_OK)
        rc = search_page(&run, out);
    search_hits_free(run.hits, run.nhits);
    if (rc != STORE_OK)
        store_list_clear(out);
    return rc;
}
