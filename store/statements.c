/* store/statements.c: reading statements: filtered keyset lists and one with its context. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_statement_kinds[] = {"direct", "partial", "document", "term", NULL};
const char *const store_statement_sorts[] = {"date", "confidence", "position", NULL};
static const struct store_sort statements_sorts[] = {
    {.name = "date", .expr = "s.date_key"}, /* coalesce(date, '') */
    /* printf('%.6f', s.confidence): a fixed-width text key, stored for the index */
    {.name = "confidence", .expr = "s.confidence_key"},
    /* doc_seq * 2^32 + start: document order, then offset, stored for the index */
    {.name = "position", .expr = "s.pos", .numeric = 1},
    {0},
};
/* The same keys when the list starts from the statements naming an entity (x): date_key and
 * the id from x, so that its index serves the default order. */
static const struct store_sort statements_entity_sorts[] = {
    {.name = "date", .expr = "x.date_key"},
    {.name = "confidence", .expr = "s.confidence_key"},
    {.name = "position", .expr = "s.pos", .numeric = 1},
    {0},
};

#define STATEMENT_SUMMARY                                                                      \
    "s.id AS id, s.kind AS kind, s.text AS text, s.doc_id AS \"document.id\", (SELECT "       \
    "t.title FROM documents t WHERE t.id = s.doc_id) AS \"document.title\", s.start AS "      \
    "start, s.end AS end, "                                                                    \
    "CASE WHEN s.speaker_id IS NULL THEN NULL ELSE json_object('id', s.speaker_id, 'name', "   \
    "s.speaker_name, 'role', s.speaker_role) END AS \"speaker:json\", "                        \
    "s.speaker_description AS speaker_description, s.cue AS cue, s.rule AS rule, "            \
    "s.confidence AS confidence, s.date AS \"date.date\", s.date_precision AS "               \
    "\"date.precision\", s.date_from AS \"date.from\", s.meeting_id AS meeting, "            \
    "s.mentioned_json AS \"mentioned:json\""

int store_statement_list(struct store *st, const struct store_statement_query *q,
                         const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = STATEMENT_SUMMARY,
        .from = "statements s", /* the document's title is a lookup per listed row */
        .id_expr = "s.id",
        .sorts = statements_sorts,
    };
    char kinds[128] = "";

    /* Statements naming an entity: a join from statement_entities (one row per statement),
     * whose copy of date_key and kind serves the count and the default order. */
    if (q->entity) {
        spec.from = "statement_entities x JOIN statements s ON s.id = x.statement_id";
        spec.id_expr = "x.statement_id";
        spec.sorts = statements_entity_sorts;
        store_where_text(&spec, "x.entity_id = ?", q->entity);
    }

    for (size_t k = 0; store_statement_kinds[k]; k++) {
        int on = q->kinds ? (q->kinds >> k) & 1u : strcmp(store_statement_kinds[k], "term") != 0;
        if (on)
            snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s'%s'",
                     *kinds ? ", " : "", store_statement_kinds[k]);
    }
    {
        char cond[160];
        snprintf(cond, sizeof(cond), "%s.kind IN (%s)", q->entity ? "x" : "s", kinds);
        store_where(&spec, cond);
    }
    if (q->speaker)
        store_where_text(&spec, "s.speaker_id = ?", q->speaker);
    if (q->document)
        store_where_text(&spec, "s.doc_id = ?", q->document);
    if (q->meeting)
        store_where_text(&spec, "s.meeting_id = ?", q->meeting);
    /* Dates filter on the default sort key, which every statements index has after its
     * filter column (schema.sql); a date is never '' (NULL when unknown). */
    if (q->from)
        store_where_text(&spec, q->entity ? "x.date_key >= ?" : "s.date_key >= ?", q->from);
    if (q->to)
        store_where_text(&spec,
                         q->entity ? "x.date_key <= ? || '-99' AND x.date_key > ''"
                                   : "s.date_key <= ? || '-99' AND s.date_key > ''",
                         q->to);
    if (q->fts)
        store_where_text(
            &spec, "s.seq IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)",
            q->fts);
    return store_list_run(st, &spec, page, out);
}

int store_statement_get(struct store *st, const char *id, size_t context_bytes, json_t **out)
{
    struct store_list_spec binds = {0};
    char sql[2048];

    store_bind_text(&binds, id);
    snprintf(sql, sizeof(sql),
             "SELECT " STATEMENT_SUMMARY ", s.paragraph AS paragraph, "
             "s.speaker_start AS \"evidence.speaker_start\", s.speaker_end AS "
             "\"evidence.speaker_end\", s.cue_start AS \"evidence.cue_start\", s.cue_end AS "
             "\"evidence.cue_end\", "
             "substr(CAST(d.clean_text AS BLOB), max(1, s.start - %zu + 1), s.start - max(0, "
             "s.start - %zu)) AS \"context.before:snippet\", "
             "substr(CAST(d.clean_text AS BLOB), s.end + 1, %zu) AS \"context.after:snippet\" "
             "FROM statements s JOIN documents d ON d.id = s.doc_id WHERE s.id = ?1",
             context_bytes, context_bytes, context_bytes);
    return store_row_run(st, sql, &binds, out);
}
