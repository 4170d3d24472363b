/* store/meetings.c: reading meetings (lists, one with its evidence) and the timeline. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_meeting_sorts[] = {"date", NULL};
static const struct store_sort meetings_sorts[] = {
    {.name = "date", .expr = "m.date_key"}, /* coalesce(date, '') */
    {0},
};

#define MEETING_SUMMARY                                                                        \
    "m.id AS id, m.kind AS kind, m.status AS status, m.label AS label, m.date AS "             \
    "\"date.date\", m.date_precision AS \"date.precision\", m.place_id AS \"place.id\", "      \
    "m.place_name AS \"place.name\", m.venue AS \"place.venue\", "                            \
    "(SELECT json_group_array(json_object('id', entity_id, 'name', name, 'role', role)) FROM " \
    " (SELECT entity_id, max(name) AS name, max(role) AS role, min(rowid) AS r FROM "         \
    "  meeting_participants WHERE meeting_id = m.id GROUP BY entity_id ORDER BY r)) AS "       \
    "\"participants:json\", m.registry_id AS registry_id, m.origin AS origin, "               \
    "m.document_count AS documents"

int store_meeting_list(struct store *st, const struct store_meeting_query *q,
                       const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = MEETING_SUMMARY,
        .from = "meetings m",
        .id_expr = "m.id",
        .sorts = meetings_sorts,
    };

    /* Dates filter on the sort key, which the index meetings_date serves; dates are never ''
     * (NULL when unknown), so "> ''" leaves out the undated. */
    if (q->from)
        store_where_text(&spec, "m.date_key >= ?", q->from);
    if (q->to)
        store_where_text(&spec, "m.date_key <= ? || '-99' AND m.date_key > ''", q->to);
    if (q->kind)
        store_where_text(&spec, "m.kind = ?", q->kind);
    if (q->status)
        store_where_text(&spec, "m.status = ?", q->status);
    if (q->participant)
        store_where_text(&spec,
                         "m.id IN (SELECT meeting_id FROM meeting_participants WHERE entity_id = ?)",
                         q->participant);
    if (q->place)
        store_where_text(&spec,
                         "(m.place_id = ? OR m.place_name = ? COLLATE NOCASE)", q->place);
    if (q->document)
        store_where_text(&spec,
                         "m.id IN (SELECT meeting_id FROM meeting_evidence WHERE doc_id = ?)",
                         q->document);
    return store_list_run(st, &spec, page, out);
}

int store_meeting_get(struct store *st, const char *id, json_t **out)
{
    static const struct {
        const char *key, *sql;
    } parts[] = {
        {"evidence", "SELECT e.doc_id AS document, e.field AS field, e.start AS start, e.end AS "
                     "end, e.text AS text, e.status AS status, e.date AS \"date.date\", "
                     "e.date_precision AS \"date.precision\" FROM meeting_evidence e WHERE "
                     "e.meeting_id = ?1 ORDER BY e.doc_id, e.start, e.field"},
        {"participant_evidence",
         "SELECT p.entity_id AS id, p.name AS name, p.role AS role, p.origin AS origin, "
         "p.doc_id AS \"evidence.document\", p.start AS \"evidence.start\", p.end AS "
         "\"evidence.end\" FROM meeting_participants p WHERE p.meeting_id = ?1 ORDER BY p.rowid"},
        {"outcomes", "SELECT o.doc_id AS document, o.start AS start, o.end AS end, o.text AS "
                     "text FROM meeting_outcomes o WHERE o.meeting_id = ?1 ORDER BY o.doc_id, "
                     "o.start"},
        {"statements",
         "SELECT s.id AS id, s.kind AS kind, s.text AS text, s.doc_id AS document, s.start AS "
         "start, s.end AS end, CASE WHEN s.speaker_id IS NULL THEN NULL ELSE json_object('id', "
         "s.speaker_id, 'name', s.speaker_name, 'role', s.speaker_role) END AS \"speaker:json\", "
         "s.speaker_description AS speaker_description FROM statements s WHERE s.meeting_id = "
         "?1 AND s.kind <> 'term' ORDER BY s.doc_seq, s.start"},
        {"document_list", "SELECT d.id AS id, d.title AS title, d.published AS published FROM "
                          "documents d WHERE d.id IN (SELECT doc_id FROM meeting_evidence WHERE "
                          "meeting_id = ?1) ORDER BY d.published_key, d.id"},
    };
    struct store_list_spec binds = {0};
    int rc;

    store_bind_text(&binds, id);
    rc = store_row_run(st,
                       "SELECT " MEETING_SUMMARY ", m.registry_json AS \"registry:json\", "
                       "m.candidates_json AS \"candidates:json\" FROM meetings m WHERE m.id = ?1",
                       &binds, out);
    for (size_t i = 0; rc == STORE_OK && i < sizeof(parts) / sizeof(parts[0]); i++)
        rc = store_attach_rows(st, *out, parts[i].key, parts[i].sql, &binds, 1000);
    if (rc != STORE_OK) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* One bucket's period from a date: the first 4, 7 or 10 characters. */
static int timeline_width(const char *bucket)
{
    return !strcmp(bucket, "year") ? 4 : !strcmp(bucket, "month") ? 7 : 10;
}

int store_timeline(struct store *st, const char *bucket, const char *from, const char *to,
                   unsigned types, int items_per_bucket, json_t **out)
{
    int w = timeline_width(bucket);
    char sql[4096], kinds[64] = "";
    struct store_list_spec binds = {0};
    json_t *rows = NULL;
    int rc;

    snprintf(kinds, sizeof(kinds), "''%s%s%s", types & 1u ? ", 'meeting'" : "",
             types & 2u ? ", 'document'" : "", types & 4u ? ", 'statement'" : "");
    /* Items whose date is less precise than the bucket (a year-only date in a month
     * timeline) go to a bucket of their own precision: "2010" beside "2010-03".
     * The periods and counts come from timeline_counts (one row per kind and date); the
     * first items of a period are an index range of the dates that can start with the
     * period: [lo, hi), hi being the period with its last character incremented (every
     * string between has the period as prefix), or the period alone when it is shorter than
     * the bucket. The substr test keeps exactly the dates of the period (and never NULL). */
    store_bind_text(&binds, from ? from : "");
    store_bind_text(&binds, to ? to : "9999");
    snprintf(
        sql, sizeof(sql),
        "WITH p(period, meetings, documents, statements) AS ("
        " SELECT substr(date, 1, %d), sum(CASE kind WHEN 'meeting' THEN n ELSE 0 END),"
        "  sum(CASE kind WHEN 'document' THEN n ELSE 0 END),"
        "  sum(CASE kind WHEN 'statement' THEN n ELSE 0 END)"
        "  FROM timeline_counts WHERE kind IN (%s) AND date >= ?1 AND date <= ?2 || '-99'"
        "  GROUP BY 1),"
        " b AS (SELECT p.*, max(?1, period) AS lo, CASE WHEN length(period) = %d THEN"
        "  substr(period, 1, %d) || char(unicode(substr(period, %d)) + 1) ELSE"
        "  period || char(1) END AS hi FROM p)"
        "SELECT period AS period, meetings AS \"counts.meetings\","
        " documents AS \"counts.documents\", statements AS \"counts.statements\","
        " (SELECT json_group_array(json_object('id', id, 'title', title, 'date', date, 'status',"
        "   status)) FROM (SELECT m.id AS id, coalesce(m.label, m.kind) AS title, m.date AS date,"
        "   m.status AS status FROM meetings m WHERE %d AND m.date_key >= b.lo"
        "   AND m.date_key < b.hi AND substr(m.date, 1, %d) = b.period"
        "   AND m.date <= ?2 || '-99' ORDER BY m.date_key, m.id LIMIT %d))"
        "  AS \"meetings:json\","
        " (SELECT json_group_array(json_object('id', id, 'title', title, 'date', date)) FROM"
        "   (SELECT d.id AS id, d.title AS title, d.published AS date FROM documents d WHERE %d"
        "   AND d.published_key >= b.lo AND d.published_key < b.hi"
        "   AND substr(d.published, 1, %d) = b.period AND d.published <= ?2 || '-99'"
        "   ORDER BY d.published_key, d.id LIMIT %d)) AS \"documents:json\""
        " FROM b ORDER BY period",
        w, kinds, w, w - 1, w, (types & 1u) != 0, w, items_per_bucket, (types & 2u) != 0, w,
        items_per_bucket);
    rc = store_rows_run(st, sql, &binds, 100000, &rows);
    if (rc != STORE_OK)
        return rc;
    *out = rows;
    return STORE_OK;
}
