/* store/search.c: ranked full-text search across documents, statements and entities (FTS5,
 * BM25 with field weights), with snippets and match offsets into the clean text. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_search_sorts[] = {"rank", NULL};
static const struct store_sort search_sorts[] = {
    {.name = "rank", .expr = "r.rank", .numeric = 2},
    {0},
};

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

/* ---- the search itself ---- */

/* The ranking: each branch yields type, id, title, text, document, date, source, speaker and
 * rank for every row that matches ?1. Snippets and offsets are not computed here: a sorter
 * computes every column of every matching row before it keeps the page, and snippets of
 * thousands of long texts cost far more than their ranking; search_decorate() adds them to
 * the page's rows alone. */
static const char search_documents[] =
    "SELECT 'document' AS type, d.id AS id, d.title AS title, NULL AS text, d.id AS document, "
    "d.published AS date, d.source AS source, NULL AS speaker, "
    "bm25(documents_fts, 10.0, 1.0) AS rank "
    "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
    "WHERE documents_fts MATCH ?1";
static const char search_statements[] =
    "SELECT 'statement' AS type, s.id AS id, NULL AS title, s.text AS text, s.doc_id AS "
    "document, s.date AS date, d.source AS source, s.speaker_id AS speaker, "
    "bm25(statements_fts, 1.0, 0.5) AS rank "
    "FROM statements_fts JOIN statements s ON s.seq = statements_fts.rowid "
    "JOIN documents d ON d.id = s.doc_id "
    "WHERE statements_fts MATCH ?1 AND s.kind <> 'term'";
static const char search_entities[] =
    "SELECT 'entity' AS type, e.id AS id, e.name AS title, NULL AS text, NULL AS document, "
    "NULL AS date, NULL AS source, NULL AS speaker, bm25(entities_fts, 5.0, 2.0) AS rank "
    "FROM entities_fts JOIN entities e ON e.seq = entities_fts.rowid "
    "WHERE entities_fts MATCH ?1 AND e.mention_count > 0";

/* One hit's snippet and offsets, by type: ?1 the query, ?2 and ?3 the marks, ?4 the id. The
 * snippet comes from the first column with a match (twoplus_column); the offsets index the
 * clean text (documents) or the quoted words (statements), the field the API names. */
static const struct {
    const char *type, *field, *sql;
} search_decorations[] = {
    {"document", "text",
     "SELECT snippet(documents_fts, twoplus_column(documents_fts, 1, 0), ?2, ?3, "
     "'\xe2\x80\xa6', 16), twoplus_offsets(documents_fts, 1) FROM documents_fts "
     "WHERE documents_fts MATCH ?1 AND rowid = (SELECT seq FROM documents WHERE id = ?4)"},
    {"statement", "statement",
     "SELECT snippet(statements_fts, twoplus_column(statements_fts, 0, 1), ?2, ?3, "
     "'\xe2\x80\xa6', 16), twoplus_offsets(statements_fts, 0) FROM statements_fts "
     "WHERE statements_fts MATCH ?1 AND rowid = (SELECT seq FROM statements WHERE id = ?4)"},
    {"entity", NULL,
     "SELECT snippet(entities_fts, -1, ?2, ?3, '\xe2\x80\xa6', 8), '[]' FROM entities_fts "
     "WHERE entities_fts MATCH ?1 AND rowid = (SELECT seq FROM entities WHERE id = ?4)"},
};

/* Adds "snippet" and "matches": {"field", "offsets"} to hit (a row of the ranking). Returns
 * STORE_OK, or STORE_NOMEM, STORE_TIMEOUT, STORE_ERROR. */
static int search_decorate(struct store *st, const struct store_search_query *q, json_t *hit)
{
    const char *type = json_string_value(json_object_get(hit, "type"));
    const char *id = json_string_value(json_object_get(hit, "id"));
    sqlite3_stmt *stmt = NULL;
    json_t *snippet = NULL, *offsets = NULL, *matches;
    size_t k;
    int step, rc = STORE_OK;

    for (k = 0; k < sizeof(search_decorations) / sizeof(search_decorations[0]); k++)
        if (type && !strcmp(type, search_decorations[k].type))
            break;
    if (k == sizeof(search_decorations) / sizeof(search_decorations[0]) || !id)
        return STORE_ERROR;
    stmt = store_stmt(st, search_decorations[k].sql);
    if (!stmt)
        return STORE_ERROR;
    sqlite3_bind_text(stmt, 1, q->fts, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, q->mark_open, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, q->mark_close, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, id, -1, SQLITE_STATIC);
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
        /* The ranking found this row with the same query on the same read-only data. */
        fprintf(stderr, "twoplus: store: search snippet: no %s %s\n", type, id);
        rc = STORE_ERROR;
    } else {
        rc = store_fail(st->conn, "search snippet");
    }
    sqlite3_reset(stmt);
    if (rc == STORE_OK) {
        matches = json_pack("{s:o, s:O}", "field",
                            search_decorations[k].field ? json_string(search_decorations[k].field)
                                                        : json_null(),
                            "offsets", offsets);
        if (!matches || json_object_set(hit, "snippet", snippet) != 0) {
            json_decref(matches);
            rc = STORE_NOMEM;
        } else if (json_object_set_new(hit, "matches", matches) != 0) {
            rc = STORE_NOMEM;
        }
    }
    json_decref(snippet);
    json_decref(offsets);
    return rc;
}

int store_search(struct store *st, const struct store_search_query *q,
                 const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = "r.type AS type, r.id AS id, r.title AS title, r.text AS text, r.document AS "
                  "document, r.date AS date, round(-r.rank, 6) AS score",
        .id_expr = "r.type || ':' || r.id",
        .sorts = search_sorts,
    };
    char *from = NULL;
    size_t i;
    json_t *hit;
    int rc;

    if (asprintf(&from, "(%s%s%s%s%s) r", q->types & 1u ? search_documents : "",
                 (q->types & 1u) && (q->types & 6u) ? " UNION ALL " : "",
                 q->types & 2u ? search_statements : "",
                 (q->types & 2u) && (q->types & 4u) ? " UNION ALL " : "",
                 q->types & 4u ? search_entities : "") < 0)
        return STORE_NOMEM;
    spec.from = from;
    store_bind_text(&spec, q->fts);
    if (q->from)
        store_where_text(&spec, "r.date >= ?", q->from);
    if (q->to)
        store_where_text(&spec, "r.date <= ? || '-99'", q->to);
    if (q->source)
        store_where_text(&spec, "r.source = ? COLLATE NOCASE", q->source);
    if (q->speaker)
        store_where_text(&spec, "r.speaker = ?", q->speaker);
    if (q->entity)
        store_where_text(&spec,
                         "(r.type = 'document' AND r.id IN (SELECT doc_id FROM mentions WHERE "
                         "entity_id = ?)) OR (r.type = 'statement' AND (r.speaker = ? OR r.id IN "
                         "(SELECT statement_id FROM statement_entities WHERE entity_id = ?))) "
                         "OR (r.type = 'entity' AND r.id = ?)",
                         q->entity);
    rc = store_list_run(st, &spec, page, out);
    free(from);
    json_array_foreach(rc == STORE_OK ? out->items : NULL, i, hit) {
        rc = search_decorate(st, q, hit);
        if (rc != STORE_OK)
            break;
    }
    if (rc != STORE_OK)
        store_list_clear(out);
    return rc;
}
