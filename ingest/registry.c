/* ingest/registry.c: the SCC meeting registry (data/meetings.jsonl) and the merging of one
 * meeting's mentions across documents, linked to registry rows when dates or participants
 * agree (meetings.h). Pure: no SQLite, no HTTP. */
#include "ingest/meetings.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the registry ---- */

struct ingest_registry {
    struct ingest_registry_meeting *rows;
    size_t count;
    json_t **docs; /* the parsed rows: every string points into them */
    struct ingest_registry_participant **participants;
    char **json; /* compact JSON of each row */
};

void ingest_registry_free(struct ingest_registry *reg)
{
    if (!reg)
        return;
    for (size_t i = 0; i < reg->count; i++) {
        json_decref(reg->docs[i]);
        free(reg->participants[i]);
        free(reg->json[i]);
    }
    free(reg->rows);
    free(reg->docs);
    free(reg->participants);
    free(reg->json);
    free(reg);
}

size_t ingest_registry_count(const struct ingest_registry *reg) { return reg ? reg->count : 0; }

const struct ingest_registry_meeting *ingest_registry_meeting(const struct ingest_registry *reg,
                                                              size_t i)
{
    return reg && i < reg->count ? &reg->rows[i] : NULL;
}

static int registry_date_ok(const char *d)
{
    size_t n = strlen(d);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (d[i] != '-')
                return 0;
        } else if (d[i] < '0' || d[i] > '9') {
            return 0;
        }
    }
    return 1;
}

/* An optional string member: NULL when absent or null; -1 when of another type. */
static int registry_opt_str(json_t *row, const char *key, const char **out)
{
    json_t *v = json_object_get(row, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = json_string_value(v);
    return 0;
}

/* Fills one row from its JSON. Returns 0, or -1 with the problem in err. */
static int registry_row(json_t *doc, struct ingest_registry_meeting *m,
                        struct ingest_registry_participant **parts, char *err, size_t err_size)
{
    const char *prec = NULL;
    json_t *v, *plist;

    memset(m, 0, sizeof *m);
    *parts = NULL;
    if (!json_is_object(doc)) {
        snprintf(err, err_size, "not a JSON object");
        return -1;
    }
    if (registry_opt_str(doc, "id", &m->id) != 0 || !m->id || !*m->id) {
        snprintf(err, err_size, "\"id\" must be a non-empty string");
        return -1;
    }
    if (registry_opt_str(doc, "kind", &m->kind) != 0 || !m->kind || !*m->kind) {
        snprintf(err, err_size, "%s: \"kind\" must be a non-empty string", m->id);
        return -1;
    }
    if (registry_opt_str(doc, "date", &m->date) != 0 || !m->date || !registry_date_ok(m->date)) {
        snprintf(err, err_size, "%s: \"date\" must be YYYY-MM-DD, YYYY-MM or YYYY", m->id);
        return -1;
    }
    if (registry_opt_str(doc, "city", &m->city) != 0 ||
        registry_opt_str(doc, "venue", &m->venue) != 0 ||
        registry_opt_str(doc, "source", &m->source) != 0 ||
        registry_opt_str(doc, "uncertain", &m->uncertain) != 0 ||
        registry_opt_str(doc, "note", &m->note) != 0 ||
        registry_opt_str(doc, "date_precision", &prec) != 0) {
        snprintf(err, err_size,
                 "%s: city, venue, source, uncertain, note and date_precision must be strings "
                 "or null",
                 m->id);
        return -1;
    }
    size_t n = strlen(m->date);
    m->precision = n == 10 ? INGEST_PREC_DAY : n == 7 ? INGEST_PREC_MONTH : INGEST_PREC_YEAR;
    if (prec) {
        enum ingest_precision p = strcmp(prec, "day") == 0     ? INGEST_PREC_DAY
                                  : strcmp(prec, "month") == 0 ? INGEST_PREC_MONTH
                                  : strcmp(prec, "year") == 0  ? INGEST_PREC_YEAR
                                                               : INGEST_PREC_UNKNOWN;
        if (p == INGEST_PREC_UNKNOWN || p > m->precision) {
            snprintf(err, err_size, "%s: \"date_precision\" \"%s\" does not fit the date %s", m->id,
                     prec, m->date);
            return -1;
        }
        m->precision = p;
    }
    v = json_object_get(doc, "virtual");
    if (v && !json_is_boolean(v) && !json_is_null(v)) {
        snprintf(err, err_size, "%s: \"virtual\" must be true or false", m->id);
        return -1;
    }
    m->is_virtual = v && json_is_true(v);
    plist = json_object_get(doc, "participants");
    if (plist && !json_is_array(plist) && !json_is_null(plist)) {
        snprintf(err, err_size, "%s: \"participants\" must be an array", m->id);
        return -1;
    }
    m->participant_count = plist ? json_array_size(plist) : 0;
    if (m->participant_count) {
        struct ingest_registry_participant *p = calloc(m->participant_count, sizeof *p);
        if (!p) {
            snprintf(err, err_size, "out of memory");
            return -1;
        }
        for (size_t i = 0; i < m->participant_count; i++) {
            json_t *o = json_array_get(plist, i);
            if (!json_is_object(o) || registry_opt_str(o, "name", &p[i].name) != 0 ||
                registry_opt_str(o, "entity", &p[i].entity) != 0 ||
                registry_opt_str(o, "role", &p[i].role) != 0 || (!p[i].name && !p[i].entity)) {
                free(p);
                snprintf(err, err_size,
                         "%s: participant %zu must be an object with a name or an entity "
                         "(strings)",
                         m->id, i + 1);
                return -1;
            }
        }
        *parts = p;
        m->participants = p;
    }
    return 0;
}

int ingest_registry_load(const char *path, struct ingest_registry **out, char *err, size_t err_size)
{
    struct ingest_registry *reg = NULL;
    FILE *f = NULL;
    char *line = NULL, msg[256];
    size_t cap = 0, rcap = 0, lineno = 0;
    ssize_t got;
    int rc = -1;

    *out = NULL;
    if (err_size)
        err[0] = '\0';
    f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    reg = calloc(1, sizeof *reg);
    if (!reg)
        goto nomem;
    while ((got = getline(&line, &cap, f)) >= 0) {
        json_error_t jerr;
        json_t *doc;
        size_t n = (size_t)got;

        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
                         line[n - 1] == '\t'))
            n--;
        if (n == 0)
            continue;
        doc = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
        if (!doc) {
            snprintf(err, err_size, "%s:%zu: invalid JSON: %s", path, lineno, jerr.text);
            goto out;
        }
        if (reg->count == rcap) {
            size_t ncap = rcap ? rcap * 2 : 32;
            void *a = realloc(reg->rows, ncap * sizeof *reg->rows);
            if (a)
                reg->rows = a;
            void *b = realloc(reg->docs, ncap * sizeof *reg->docs);
            if (b)
                reg->docs = b;
            void *c = realloc(reg->participants, ncap * sizeof *reg->participants);
            if (c)
                reg->participants = c;
            void *d = realloc(reg->json, ncap * sizeof *reg->json);
            if (d)
                reg->json = d;
            if (!a || !b || !c || !d) {
                json_decref(doc);
                goto nomem;
            }
            rcap = ncap;
        }
        size_t i = reg->count;
        reg->docs[i] = doc;
        reg->participants[i] = NULL;
        reg->json[i] = NULL;
        reg->count++;
        if (registry_row(doc, &reg->rows[i], &reg->participants[i], msg, sizeof msg) != 0) {
            snprintf(err, err_size, "%s:%zu: %s", path, lineno, msg);
            goto out;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(reg->rows[k].id, reg->rows[i].id) == 0) {
                snprintf(err, err_size, "%s:%zu: duplicate id %s", path, lineno, reg->rows[i].id);
                goto out;
            }
        reg->json[i] = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (!reg->json[i])
            goto nomem;
        reg->rows[i].json = reg->json[i];
    }
    if (ferror(f)) {
        snprintf(err, err_size, "%s: read error", path);
        goto out;
    }
    *out = reg;
    reg = NULL;
    rc = 0;
    goto out;
nomem:
    snprintf(err, err_size, "%s: out of memory", path);
out:
    free(line);
    if (f)
        fclose(f);
    ingest_registry_free(reg);
    return rc;
}

/* ---- merging across documents ---- */

/* The days a date (with an optional part) covers, as "YYYY-MM-DD" bounds. */
static void merge_interval(const char *date, const char *part, char lo[11], char hi[11])
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = atoi(date), m1 = 1, m2 = 12, d1 = 1, d2 = 31;
    size_t n = strlen(date);
    char buf[48];

    if (n >= 10) {
        memcpy(lo, date, 10);
        memcpy(hi, date, 10);
        lo[10] = hi[10] = '\0';
        return;
    }
    if (n >= 7) {
        m1 = m2 = atoi(date + 5);
        if (m1 < 1 || m1 > 12)
            m1 = 1, m2 = 12;
        d2 = mdays[m2 - 1];
        if (part && (strcmp(part, "early") == 0 || strcmp(part, "start") == 0))
            d2 = 10;
        else if (part && strcmp(part, "mid") == 0)
            d1 = 11, d2 = 20;
        else if (part && (strcmp(part, "late") == 0 || strcmp(part, "end") == 0))
            d1 = 21;
    } else if (part) {
        static const struct {
            const char *part;
            int m1, m2;
        } parts[] = {{"h1", 1, 6},     {"h2", 7, 12},    {"q1", 1, 3},    {"q2", 4, 6},
                     {"q3", 7, 9},     {"q4", 10, 12},   {"early", 1, 4}, {"mid", 5, 8},
                     {"late", 9, 12},  {"end", 12, 12},  {"start", 1, 1}, {"spring", 3, 5},
                     {"summer", 6, 8}, {"autumn", 9, 11}};
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
            if (strcmp(part, parts[i].part) == 0)
                m1 = parts[i].m1, m2 = parts[i].m2;
        d2 = mdays[m2 - 1];
    }
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m1, d1);
    memcpy(lo, buf, 10);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m2, d2);
    memcpy(hi, buf, 10);
    lo[10] = hi[10] = '\0';
}

static int merge_overlap(const char *a, const char *ap, const char *b, const char *bp)
{
    char alo[11], ahi[11], blo[11], bhi[11];
    merge_interval(a, ap, alo, ahi);
    merge_interval(b, bp, blo, bhi);
    return strcmp(alo, bhi) <= 0 && strcmp(blo, ahi) <= 0;
}

struct merge_group {
    const char *kind;
    int referenced, cancelled;
    const struct ingest_meeting_mention *best; /* the most precise date */
    const char **people;                       /* borrowed entity ids, distinct */
    size_t people_count, people_cap;
    size_t *inputs;
    size_t input_count, input_cap;
    const struct ingest_registry_meeting *row;
    const struct ingest_registry_meeting **cands;
    size_t cand_count;
    int dead; /* merged into another group */
};

static int merge_push(void **arr, size_t *count, size_t *cap, const void *item, size_t size)
{
    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        void *grown = realloc(*arr, ncap * size);
        if (!grown)
            return -1;
        *arr = grown;
        *cap = ncap;
    }
    memcpy((char *)*arr + *count * size, item, size);
    (*count)++;
    return 0;
}

static size_t merge_shared(const struct merge_group *g, const struct ingest_meeting_mention *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->participant_count; i++)
        for (size_t k = 0; k < g->people_count; k++)
            if (m->participants[i].entity_id &&
                strcmp(m->participants[i].entity_id, g->people[k]) == 0) {
                n++;
                break;
            }
    return n;
}

static int merge_is_referenced(const struct ingest_meeting_mention *m)
{
    return m->status && strcmp(m->status, "referenced") == 0;
}

static int merge_is_cancelled(const char *status)
{
    return status && strcmp(status, "cancelled") == 0;
}

/* How well mention m fits group g: -1 when it cannot be the same meeting. */
static int merge_fit(const struct merge_group *g, const struct ingest_meeting_mention *m)
{
    const struct ingest_meeting_mention *b = g->best;
    size_t shared = merge_shared(g, m);
    int score = 0;

    if (strcmp(g->kind, m->kind) != 0 || g->referenced != merge_is_referenced(m))
        return -1;
    if (g->cancelled != merge_is_cancelled(m->status))
        return -1; /* a meeting called off is not the one held */
    if (b->date[0] && m->date[0]) {
        if (!merge_overlap(b->date, b->date_part, m->date, m->date_part))
            return -1;
        if (g->referenced && strcmp(b->date, m->date) != 0)
            return -1;
        score += 10 * (int)(m->date_precision < b->date_precision ? m->date_precision
                                                                  : b->date_precision);
    }
    if (m->participant_count >= 2 && g->people_count >= 2 && shared == 0)
        return -1;
    if ((!b->date[0] || !m->date[0]) && shared < 2)
        return -1; /* with a date missing, the people must say it is the same meeting */
    return score + (int)shared;
}

static int merge_add(struct merge_group *g, size_t input, const struct ingest_meeting_mention *m)
{
    if (merge_push((void **)&g->inputs, &g->input_count, &g->input_cap, &input, sizeof input) != 0)
        return -1;
    if ((int)m->date_precision > (int)g->best->date_precision)
        g->best = m;
    for (size_t i = 0; i < m->participant_count; i++) {
        const char *id = m->participants[i].entity_id;
        int have = 0;
        for (size_t k = 0; id && k < g->people_count && !have; k++)
            have = strcmp(g->people[k], id) == 0;
        if (id && !have &&
            merge_push((void **)&g->people, &g->people_count, &g->people_cap, &id, sizeof id) != 0)
            return -1;
    }
    return 0;
}

static size_t merge_row_shared(const struct merge_group *g, const struct ingest_registry_meeting *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->participant_count; i++)
        for (size_t k = 0; k < g->people_count; k++)
            if (r->participants[i].entity && strcmp(r->participants[i].entity, g->people[k]) == 0) {
                n++;
                break;
            }
    return n;
}

static int merge_status_rank(const char *st)
{
    static const char *const order[] = {"proposed",  "scheduled",  "announced", "held",
                                        "cancelled", "referenced", NULL};
    for (int i = 0; st && order[i]; i++)
        if (strcmp(st, order[i]) == 0)
            return i + 1;
    return 0;
}

/* Links a group to the registry: an exact day decides; else rows whose date falls in the
 * group's dates, or (no date) share three or more participants, ranked by shared people.
 * Several rows that fit equally become candidates. Called-off meetings never link. */
static int merge_link(struct merge_group *g, const struct ingest_registry *reg, const char *status)
{
    const struct ingest_meeting_mention *b = g->best;
    const struct ingest_registry_meeting **cands = NULL;
    size_t n = 0, cap = 0, best_shared = 0, rows = ingest_registry_count(reg);
    int fuzzy_ok = strcmp(g->kind, "scc") == 0 && !g->referenced && !g->cancelled &&
                   strcmp(status, "proposed") != 0;

    if (strcmp(g->kind, "scc") != 0 || g->cancelled)
        return 0;
    /* An exact day. */
    if (b->date_precision == INGEST_PREC_DAY) {
        for (size_t i = 0; i < rows; i++) {
            const struct ingest_registry_meeting *r = ingest_registry_meeting(reg, i);
            if (strcmp(r->date, b->date) == 0 &&
                merge_push((void **)&cands, &n, &cap, &r, sizeof r) != 0)
                goto nomem;
        }
        /* A day off across the date line, when the people agree. */
        for (size_t i = 0; n == 0 && fuzzy_ok && i < rows; i++) {
            const struct ingest_registry_meeting *r = ingest_registry_meeting(reg, i);
            char lo[11], hi[11];
            merge_interval(b->date, NULL, lo, hi);
            if (strcmp(r->kind, "scc") == 0 && strncmp(r->date, b->date, 7) == 0 &&
                abs(atoi(r->date + 8) - atoi(b->date + 8)) == 1 && merge_row_shared(g, r) >= 2 &&
                merge_push((void **)&cands, &n, &cap, &r, sizeof r) != 0)
                goto nomem;
        }
    } else if (fuzzy_ok) {
        for (size_t i = 0; i < rows; i++) {
            const struct ingest_registry_meeting *r = ingest_registry_meeting(reg, i);
            size_t shared = merge_row_shared(g, r);
            if (strcmp(r->kind, "scc") != 0)
                continue;
            if (b->date[0]) {
                if (!merge_overlap(b->date, b->date_part, r->date, NULL))
                    continue;
                if (g->people_count >= 2 && shared == 0)
                    continue;
            } else if (shared < 3 && !(shared >= 2 && shared == g->people_count)) {
                continue;
            }
            if (shared > best_shared) {
                best_shared = shared;
                n = 0;
            }
            if (shared == best_shared && merge_push((void **)&cands, &n, &cap, &r, sizeof r) != 0)
                goto nomem;
        }
    }
    if (n == 1) {
        g->row = cands[0];
        free(cands);
    } else if (n > 1) {
        g->cands = cands;
        g->cand_count = n;
    } else {
        free(cands);
    }
    return 0;
nomem:
    free(cands);
    return -1;
}

void ingest_merge_result_clear(struct ingest_merge_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->count; i++) {
        struct ingest_merged_meeting *m = &result->meetings[i];
        free(m->id);
        free(m->place_id);
        free(m->place_name);
        free(m->venue);
        free(m->candidates);
        free(m->inputs);
        for (size_t k = 0; k < m->participant_count; k++)
            free(m->participant_ids[k]);
        free(m->participant_ids);
    }
    free(result->meetings);
    result->meetings = NULL;
    result->count = 0;
}

static int merge_input_cmp_prec(const struct ingest_merge_input *in, size_t a, size_t b)
{
    int pa = in[a].mention->date_precision, pb = in[b].mention->date_precision;
    if (pa != pb)
        return pb - pa;
    return a < b ? -1 : a > b;
}

static char *merge_strdup(const char *s) { return s ? strdup(s) : NULL; }

int ingest_meetings_merge(const struct ingest_merge_input *inputs, size_t input_count,
                          const struct ingest_registry *reg, struct ingest_merge_result *out)
{
    struct merge_group *groups = NULL;
    size_t group_count = 0, group_cap = 0, *order = NULL;
    struct ingest_merged_meeting *list = NULL;
    size_t list_count = 0;
    int rc = -1;

    memset(out, 0, sizeof *out);
    order = malloc((input_count + 1) * sizeof *order);
    if (!order)
        goto out;
    for (size_t i = 0; i < input_count; i++)
        order[i] = i;
    /* The most precise dates first: they anchor the groups. */
    for (size_t i = 1; i < input_count; i++)
        for (size_t j = i; j > 0 && merge_input_cmp_prec(inputs, order[j], order[j - 1]) < 0; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t oi = 0; oi < input_count; oi++) {
        size_t i = order[oi];
        const struct ingest_meeting_mention *m = inputs[i].mention;
        size_t best = SIZE_MAX;
        int best_fit = -1;
        if (!m || !m->kind)
            continue;
        for (size_t g = 0; g < group_count; g++) {
            int fit = merge_fit(&groups[g], m);
            /* never two mentions of one document in a group: the extractor already
             * collapsed what it could tell was one meeting */
            for (size_t k = 0; fit >= 0 && k < groups[g].input_count; k++)
                if (inputs[groups[g].inputs[k]].doc_id && inputs[i].doc_id &&
                    strcmp(inputs[groups[g].inputs[k]].doc_id, inputs[i].doc_id) == 0)
                    fit = -1;
            if (fit > best_fit) {
                best_fit = fit;
                best = g;
            }
        }
        if (best == SIZE_MAX) {
            struct merge_group g;
            memset(&g, 0, sizeof g);
            g.kind = m->kind;
            g.referenced = merge_is_referenced(m);
            g.cancelled = merge_is_cancelled(m->status);
            g.best = m;
            if (merge_push((void **)&groups, &group_count, &group_cap, &g, sizeof g) != 0)
                goto out;
            best = group_count - 1;
        }
        if (merge_add(&groups[best], i, m) != 0)
            goto out;
    }
    /* Link to the registry; groups that reach the same row are one meeting. */
    for (size_t g = 0; g < group_count; g++) {
        const char *status = NULL;
        for (size_t k = 0; k < groups[g].input_count; k++) {
            const char *st = inputs[groups[g].inputs[k]].mention->status;
            if (merge_status_rank(st) > merge_status_rank(status))
                status = st;
        }
        if (reg && merge_link(&groups[g], reg, status ? status : "held") != 0)
            goto out;
    }
    for (size_t g = 0; g < group_count; g++) {
        if (!groups[g].row || groups[g].dead)
            continue;
        for (size_t h = g + 1; h < group_count; h++) {
            if (groups[h].dead || groups[h].row != groups[g].row)
                continue;
            for (size_t k = 0; k < groups[h].input_count; k++)
                if (merge_add(&groups[g], groups[h].inputs[k],
                              inputs[groups[h].inputs[k]].mention) != 0)
                    goto out;
            groups[h].dead = 1;
        }
    }

    list = calloc(group_count + 1, sizeof *list);
    if (!list)
        goto out;
    for (size_t g = 0; g < group_count; g++) {
        struct merge_group *gr = &groups[g];
        struct ingest_merged_meeting *mm;
        const struct ingest_meeting_mention *b = gr->best, *placed = NULL;
        const char *status = NULL;
        char idbuf[96];

        if (gr->dead)
            continue;
        mm = &list[list_count++];
        /* inputs in their given order */
        for (size_t i = 1; i < gr->input_count; i++)
            for (size_t j = i; j > 0 && gr->inputs[j] < gr->inputs[j - 1]; j--) {
                size_t t = gr->inputs[j];
                gr->inputs[j] = gr->inputs[j - 1];
                gr->inputs[j - 1] = t;
            }
        for (size_t k = 0; k < gr->input_count; k++) {
            const struct ingest_meeting_mention *m = inputs[gr->inputs[k]].mention;
            if (merge_status_rank(m->status) > merge_status_rank(status))
                status = m->status;
            if (m->place_name && (!placed || (m->venue && !placed->venue)))
                placed = m;
        }
        mm->kind = gr->kind;
        /* The registry lists meetings that took place. */
        mm->status = gr->row && strcmp(gr->row->kind, "scc") == 0 ? "held" : status;
        memcpy(mm->date, b->date, sizeof mm->date);
        mm->date_precision = b->date_precision;
        if (placed) {
            mm->place_id = merge_strdup(placed->place_id);
            mm->place_name = merge_strdup(placed->place_name);
            mm->venue = merge_strdup(placed->venue);
            if ((placed->place_id && !mm->place_id) || (placed->place_name && !mm->place_name) ||
                (placed->venue && !mm->venue))
                goto out;
        }
        mm->registry = gr->row;
        mm->candidates = gr->cands;
        mm->candidate_count = gr->cand_count;
        gr->cands = NULL;
        mm->inputs = gr->inputs;
        mm->input_count = gr->input_count;
        gr->inputs = NULL;
        mm->participant_ids = calloc(gr->people_count + 1, sizeof *mm->participant_ids);
        if (!mm->participant_ids)
            goto out;
        for (size_t k = 0; k < gr->people_count; k++) {
            mm->participant_ids[k] = strdup(gr->people[k]);
            if (!mm->participant_ids[k])
                goto out;
            mm->participant_count++;
        }
        /* The id: the registry's, else kind and date ("scc-2010-h1"), else kind and the first
         * document; made unique with a counter. */
        if (gr->row)
            snprintf(idbuf, sizeof idbuf, "%s", gr->row->id);
        else if (b->date[0])
            snprintf(idbuf, sizeof idbuf, "%s-%s%s%s", gr->kind, b->date, b->date_part ? "-" : "",
                     b->date_part ? b->date_part : "");
        else
            snprintf(idbuf, sizeof idbuf, "%s-%s", gr->kind,
                     inputs[mm->inputs[0]].doc_id ? inputs[mm->inputs[0]].doc_id : "doc");
        if (merge_is_referenced(b) && !gr->row) {
            char tmp[96];
            snprintf(tmp, sizeof tmp, "%.80s-history", idbuf);
            memcpy(idbuf, tmp, sizeof idbuf);
        }
        {
            char base[96];
            memcpy(base, idbuf, sizeof base);
            for (int n = 2;; n++) {
                int taken = 0;
                for (size_t k = 0; k + 1 < list_count && !taken; k++)
                    taken = strcmp(list[k].id, idbuf) == 0;
                if (!taken)
                    break;
                snprintf(idbuf, sizeof idbuf, "%.80s-%d", base, n);
            }
        }
        mm->id = strdup(idbuf);
        if (!mm->id)
            goto out;
    }
    out->meetings = list;
    out->count = list_count;
    list = NULL;
    rc = 0;
out:
    if (list) {
        struct ingest_merge_result tmp = {list, list_count};
        ingest_merge_result_clear(&tmp);
    }
    for (size_t g = 0; g < group_count; g++) {
        free(groups[g].people);
        free(groups[g].inputs);
        free(groups[g].cands);
    }
    free(groups);
    free(order);
    return rc;
}
