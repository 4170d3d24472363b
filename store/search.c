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
    return rc == SQLITE_OK ? STORE_OK : store_fail(conn, "register twoplus_offsets");
}

/* ---- the search itself ---- */

/* Each branch yields: type, id, title, text, document, date, source, speaker, rank, snippet,
 * offsets (JSON) and the field the offsets index. ?1 is the query, ?2 and ?3 the marks. */
static const char search_documents[] =
    "SELECT 'document' AS type, d.id AS id, d.title AS title, NULL AS text, d.id AS document, "
    "d.published AS date, d.source AS source, NULL AS speaker, "
    "bm25(documents_fts, 10.0, 1.0) AS rank, "
    "snippet(documents_fts, 1, ?2, ?3, '\xe2\x80\xa6', 16) AS snippet, "
    "twoplus_offsets(documents_fts, 1) AS offsets, 'text' AS field "
    "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
    "WHERE documents_fts MATCH ?1";
static const char search_statements[] =
    "SELECT 'statement' AS type, s.id AS id, NULL AS title, s.text AS text, s.doc_id AS "
    "document, s.date AS date, d.source AS source, s.speaker_id AS speaker, "
    "bm25(statements_fts, 1.0, 0.5) AS rank, "
    "snippet(statements_fts, 0, ?2, ?3, '\xe2\x80\xa6', 16) AS snippet, "
    "twoplus_offsets(statements_fts, 0) AS offsets, 'statement' AS field "
    "FROM statements_fts JOIN statements s ON s.seq = statements_fts.rowid "
    "JOIN documents d ON d.id = s.doc_id "
    "WHERE statements_fts MATCH ?1 AND s.kind <> 'term'";
static const char search_entities[] =
    "SELECT 'entity' AS type, e.id AS id, e.name AS title, NULL AS text, NULL AS document, "
    "NULL AS date, NULL AS source, NULL AS speaker, bm25(entities_fts, 5.0, 2.0) AS rank, "
    "snippet(entities_fts, -1, ?2, ?3, '\xe2\x80\xa6', 8) AS snippet, '[]' AS offsets, "
    "NULL AS field "
    "FROM entities_fts JOIN entities e ON e.seq = entities_fts.rowid "
    "WHERE entities_fts MATCH ?1 AND e.mention_count > 0";

int store_search(struct store *st, const struct store_search_query *q,
                 const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = "r.type AS type, r.id AS id, r.title AS title, r.text AS text, r.document AS "
                  "document, r.date AS date, round(-r.rank, 6) AS score, r.snippet AS "
                  "snippet, r.field AS \"matches.field\", r.offsets AS \"matches.offsets:json\"",
        .id_expr = "r.type || ':' || r.id",
        .sorts = search_sorts,
    };
    char *from = NULL;
    int rc;

    if (asprintf(&from, "(%s%s%s%s%s) r", q->types & 1u ? search_documents : "",
                 (q->types & 1u) && (q->types & 6u) ? " UNION ALL " : "",
                 q->types & 2u ? search_statements : "",
                 (q->types & 2u) && (q->types & 4u) ? " UNION ALL " : "",
                 q->types & 4u ? search_entities : "") < 0)
        return STORE_NOMEM;
    spec.from = from;
    store_bind_text(&spec, q->fts);
    store_bind_text(&spec, q->mark_open);
    store_bind_text(&spec, q->mark_close);
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
    return rc;
}
