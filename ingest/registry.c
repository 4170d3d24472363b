/* ingest/registry.c: the SCC meeting registry (data/meetings.jsonl) and the merging of one
 * meeting's mentions across documents, linked to registry rows when dates or participants
 * agree (meetings.h). Pure: no SQLite, no HTTP. */
#include "ingest/meetings.h"

#include <assert.h>
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
    char lo[11], hi[11]; /* the days best's date covers, when it has one ("" when not) */
    enum ingest_precision precision; /* best's, kept here: read for every candidate */
    const char **people;             /* borrowed entity ids, distinct */
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

/* How well mention m fits group g: -1 when it cannot be the same meeting. mlo and mhi are the
 * days m's date covers (merge_interval), unused when it has no date. */
static int merge_fit(const struct merge_group *g, const struct ingest_meeting_mention *m,
                     const char mlo[11], const char mhi[11])
{
    size_t shared;
    int score = 0, dated = g->lo[0] != '\0'; /* best has a date */

    if (strcmp(g->kind, m->kind) != 0 || g->referenced != merge_is_referenced(m))
        return -1;
    if (g->cancelled != merge_is_cancelled(m->status))
        return -1; /* a meeting called off is not the one held */
    if (dated && m->date[0]) {
        if (!(strcmp(g->lo, mhi) <= 0 && strcmp(mlo, g->hi) <= 0))
            return -1; /* the days do not overlap (merge_overlap on the kept intervals) */
        if (g->referenced && strcmp(g->best->date, m->date) != 0)
            return -1;
        score += 10 * (int)(m->date_precision < g->precision ? m->date_precision : g->precision);
    }
    shared = merge_shared(g, m);
    if (m->participant_count >= 2 && g->people_count >= 2 && shared == 0)
        return -1;
    if ((!dated || !m->date[0]) && shared < 2)
        return -1; /* with a date missing, the people must say it is the same meeting */
    return score + (int)shared;
}

static void merge_set_best(struct merge_group *g, const struct ingest_meeting_mention *m)
{
    g->best = m;
    g->precision = m->date_precision;
    if (m->date[0])
        merge_interval(m->date, m->date_part, g->lo, g->hi);
    else
        g->lo[0] = g->hi[0] = '\0';
}

static int merge_add(struct merge_group *g, size_t input, const struct ingest_meeting_mention *m)
{
    if (merge_push((void **)&g->inputs, &g->input_count, &g->input_cap, &input, sizeof input) != 0)
        return -1;
    if ((int)m->date_precision > (int)g->best->date_precision)
        merge_set_best(g, m);
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

/* ---- the merge's index: keys to lists of group numbers ----
 * A mention can only join a group of its kind and status class whose days overlap its own
 * (then both dates fall in one year and their months meet), or, with a date missing, a group
 * that has two of its people. So groups are listed under the months their dates cover and
 * under each of their people, and a mention is tried only against the groups under its own
 * months or people, not against every group so far. Documents and the ids given out are keys
 * too. Keys are built in one buffer: a tag byte, the class, then the rest. */

struct merge_list {
    size_t *items;
    size_t count, cap;
};

struct merge_slot {
    char *key; /* NULL: a free slot */
    size_t key_len;
    uint64_t hash;
    struct merge_list list;
};

struct merge_index {
    struct merge_slot *slots;
    size_t cap, used; /* cap: a power of two */
    char *key;        /* the key being built */
    size_t key_len, key_cap;
};

static void merge_index_clear(struct merge_index *ix)
{
    for (size_t s = 0; s < ix->cap; s++) {
        free(ix->slots[s].key);
        free(ix->slots[s].list.items);
    }
    free(ix->slots);
    free(ix->key);
    memset(ix, 0, sizeof *ix);
}

static int merge_key_put(struct merge_index *ix, const char *bytes, size_t n)
{
    if (ix->key_len + n + 1 > ix->key_cap) {
        size_t ncap = (ix->key_len + n + 1) * 2;
        char *grown = realloc(ix->key, ncap);
        if (!grown)
            return -1;
        ix->key = grown;
        ix->key_cap = ncap;
    }
    memcpy(ix->key + ix->key_len, bytes, n);
    ix->key_len += n;
    ix->key[ix->key_len] = '\0';
    return 0;
}

/* Starts a key: tag, then the class a group and a mention must share (kind, referenced,
 * cancelled), then rest. Returns 0, or -1 out of memory. */
static int merge_key(struct merge_index *ix, char tag, const char *kind, int referenced,
                     int cancelled, const char *rest, size_t rest_len)
{
    char head[3] = {tag, referenced ? '1' : '0', cancelled ? '1' : '0'};
    ix->key_len = 0;
    return merge_key_put(ix, head, sizeof head) != 0 ||
                   merge_key_put(ix, kind, strlen(kind)) != 0 ||
                   merge_key_put(ix, "\x1f", 1) != 0 || merge_key_put(ix, rest, rest_len) != 0
               ? -1
               : 0;
}

static uint64_t merge_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* The slot of the key last built: its own, or the free one where it would go. */
static struct merge_slot *merge_index_slot(const struct merge_index *ix, uint64_t h)
{
    size_t s = (size_t)h & (ix->cap - 1);
    while (ix->slots[s].key && (ix->slots[s].hash != h || ix->slots[s].key_len != ix->key_len ||
                                memcmp(ix->slots[s].key, ix->key, ix->key_len) != 0))
        s = (s + 1) & (ix->cap - 1);
    return &ix->slots[s];
}

/* The list under the key last built, or NULL when there is none. The pointer lasts until the
 * next merge_index_add(). */
static const struct merge_list *merge_index_find(const struct merge_index *ix)
{
    const struct merge_slot *slot;
    if (!ix->cap)
        return NULL;
    slot = merge_index_slot(ix, merge_hash(ix->key, ix->key_len));
    return slot->key ? &slot->list : NULL;
}

static int merge_index_grow(struct merge_index *ix)
{
    struct merge_index bigger = *ix;
    bigger.cap = ix->cap ? ix->cap * 2 : 256;
    bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return -1;
    for (size_t s = 0; s < ix->cap; s++) {
        const struct merge_slot *from = &ix->slots[s];
        size_t t = (size_t)from->hash & (bigger.cap - 1);
        if (!from->key)
            continue;
        while (bigger.slots[t].key)
            t = (t + 1) & (bigger.cap - 1);
        bigger.slots[t] = *from;
    }
    free(ix->slots);
    ix->slots = bigger.slots;
    ix->cap = bigger.cap;
    return 0;
}

/* Appends item to the list under the key last built, making the key when new. Returns 0, or
 * -1 out of memory. */
static int merge_index_add(struct merge_index *ix, size_t item)
{
    uint64_t h = merge_hash(ix->key, ix->key_len);
    struct merge_slot *slot;

    if ((ix->used + 1) * 2 > ix->cap && merge_index_grow(ix) != 0)
        return -1;
    slot = merge_index_slot(ix, h);
    if (!slot->key) {
        slot->key = malloc(ix->key_len + 1);
        if (!slot->key)
            return -1;
        memcpy(slot->key, ix->key, ix->key_len + 1);
        slot->key_len = ix->key_len;
        slot->hash = h;
        ix->used++;
    }
    return merge_push((void **)&slot->list.items, &slot->list.count, &slot->list.cap, &item,
                      sizeof item);
}

/* Month buckets: 0-99 from "YYYY-MM", MERGE_ODD for days not written that way. */
#define MERGE_ODD 100

static int merge_digit(char c) { return c >= '0' && c <= '9'; }

/* The month buckets an interval covers. merge_interval gives lo and hi the same first four
 * bytes (one year), and as strings compare byte by byte, two intervals overlap only when
 * those are the same and (both written "YYYY-MM") their month ranges meet. */
static void merge_months(const char lo[11], const char hi[11], int *first, int *last)
{
    int a, b;
    if (lo[4] != '-' || hi[4] != '-' || !merge_digit(lo[5]) || !merge_digit(lo[6]) ||
        !merge_digit(hi[5]) || !merge_digit(hi[6])) {
        *first = *last = MERGE_ODD;
        return;
    }
    a = (lo[5] - '0') * 10 + (lo[6] - '0');
    b = (hi[5] - '0') * 10 + (hi[6] - '0');
    *first = a < b ? a : b;
    *last = a < b ? b : a;
}

static int merge_month_key(struct merge_index *ix, const char *kind, int referenced, int cancelled,
                           const char lo[11], int month)
{
    char rest[5];
    memcpy(rest, lo, 4);
    rest[4] = (char)(month + 1); /* never NUL */
    return merge_key(ix, 'M', kind, referenced, cancelled, rest, sizeof rest);
}

/* The state of one merge run. */
struct merge_run {
    const struct ingest_merge_input *inputs;
    struct merge_group *groups;
    size_t group_count, group_cap;
    struct merge_index ix;
    size_t *seen; /* per group: the mention (its place in the order, + 1) that listed it last */
    size_t *cands, cand_count;
};

/* Lists every group under the key last built as a candidate, once per mention. */
static void merge_cands_from(struct merge_run *run, size_t stamp)
{
    const struct merge_list *l = merge_index_find(&run->ix);
    for (size_t k = 0; l && k < l->count; k++) {
        size_t g = l->items[k];
        if (run->seen[g] != stamp) {
            run->seen[g] = stamp;
            run->cands[run->cand_count++] = g;
        }
    }
}

/* Builds the key of a pair of people (in either order: the smaller id first). */
static int merge_pair_key(struct merge_index *ix, char tag, const char *kind, int referenced,
                          int cancelled, const char *a, const char *b)
{
    const char *lo = strcmp(a, b) < 0 ? a : b, *hi = lo == a ? b : a;
    return merge_key(ix, tag, kind, referenced, cancelled, lo, strlen(lo)) != 0 ||
                   merge_key_put(ix, "\x1f", 1) != 0 || merge_key_put(ix, hi, strlen(hi)) != 0
               ? -1
               : 0;
}

/* Lists the groups that have two of m's people (merge_shared() >= 2 needs them): under each
 * pair of its distinct people (pair_tag), or under a person it names twice (one_tag). */
static int merge_cands_by_people(struct merge_run *run, const struct ingest_meeting_mention *m,
                                 char pair_tag, char one_tag, size_t stamp)
{
    int ref = merge_is_referenced(m), can = merge_is_cancelled(m->status);

    for (size_t i = 0; i < m->participant_count; i++) {
        const char *a = m->participants[i].entity_id;
        int first = 1, twice = 0;
        if (!a)
            continue;
        for (size_t k = 0; k < i && first; k++)
            first = !m->participants[k].entity_id || strcmp(m->participants[k].entity_id, a);
        if (!first)
            continue; /* each distinct person once */
        for (size_t k = i + 1; k < m->participant_count; k++) {
            const char *b = m->participants[k].entity_id;
            int seen_b = 0;
            if (!b)
                continue;
            if (strcmp(a, b) == 0) {
                twice = 1;
                continue;
            }
            for (size_t j = 0; j < k && !seen_b; j++)
                seen_b = j != i && m->participants[j].entity_id &&
                         strcmp(m->participants[j].entity_id, b) == 0;
            if (seen_b)
                continue; /* the pair (a, b) is listed already */
            if (merge_pair_key(&run->ix, pair_tag, m->kind, ref, can, a, b) != 0)
                return -1;
            merge_cands_from(run, stamp);
        }
        if (twice) {
            if (merge_key(&run->ix, one_tag, m->kind, ref, can, a, strlen(a)) != 0)
                return -1;
            merge_cands_from(run, stamp);
        }
    }
    return 0;
}

/* The groups mention m could fit (merge_fit decides): with a date, the dated groups of its
 * class in the months its days cover and the dateless ones that have two of its people;
 * without, every group of its class that has two of its people. */
static int merge_find_cands(struct merge_run *run, const struct ingest_meeting_mention *m,
                            const char mlo[11], const char mhi[11], size_t stamp)
{
    int ref = merge_is_referenced(m), can = merge_is_cancelled(m->status);

    run->cand_count = 0;
    if (m->date[0]) {
        int first, last;
        merge_months(mlo, mhi, &first, &last);
        if (first == MERGE_ODD)
            first = 0; /* days not written YYYY-MM-DD: any month of the year */
        for (int mo = first; mo <= last; mo++) {
            if (merge_month_key(&run->ix, m->kind, ref, can, mlo, mo) != 0)
                return -1;
            merge_cands_from(run, stamp);
        }
        if (last != MERGE_ODD) {
            if (merge_month_key(&run->ix, m->kind, ref, can, mlo, MERGE_ODD) != 0)
                return -1;
            merge_cands_from(run, stamp);
        }
        return merge_cands_by_people(run, m, 'V', 'U', stamp);
    }
    return merge_cands_by_people(run, m, 'B', 'A', stamp);
}

/* Starts a group with mention m and lists it under the months its date covers. Returns its
 * number, or SIZE_MAX out of memory. */
static size_t merge_new_group(struct merge_run *run, const struct ingest_meeting_mention *m)
{
    struct merge_group g;
    size_t n = run->group_count;
    int first, last;

    memset(&g, 0, sizeof g);
    g.kind = m->kind;
    g.referenced = merge_is_referenced(m);
    g.cancelled = merge_is_cancelled(m->status);
    merge_set_best(&g, m);
    if (merge_push((void **)&run->groups, &run->group_count, &run->group_cap, &g, sizeof g) != 0)
        return SIZE_MAX;
    if (!m->date[0])
        return n;
    merge_months(g.lo, g.hi, &first, &last);
    for (int mo = first; mo <= last; mo++)
        if (merge_month_key(&run->ix, g.kind, g.referenced, g.cancelled, g.lo, mo) != 0 ||
            merge_index_add(&run->ix, n) != 0)
            return SIZE_MAX;
    return n;
}

/* Adds input i (mention m) to group g and lists g under its new people and m's document. */
static int merge_place(struct merge_run *run, size_t g, size_t i,
                       const struct ingest_meeting_mention *m)
{
    struct merge_group *gr = &run->groups[g];
    size_t known = gr->people_count;
    const char *doc_id = run->inputs[i].doc_id;

    /* The order puts the most precise dates first, so a group's best (and so its months) is
     * the mention that started it until groups are merged by registry row. */
    assert(gr->input_count == 0 || (int)m->date_precision <= (int)gr->best->date_precision);
    if (merge_add(gr, i, m) != 0)
        return -1;
    for (size_t k = known; k < gr->people_count; k++) {
        const char *id = gr->people[k];
        int dateless = !gr->best->date[0];
        if (merge_key(&run->ix, 'A', gr->kind, gr->referenced, gr->cancelled, id, strlen(id)) !=
                0 ||
            merge_index_add(&run->ix, g) != 0)
            return -1;
        if (dateless && (merge_key(&run->ix, 'U', gr->kind, gr->referenced, gr->cancelled, id,
                                   strlen(id)) != 0 ||
                         merge_index_add(&run->ix, g) != 0))
            return -1;
        /* every pair of people, once: the new one with each before it */
        for (size_t j = 0; j < k; j++) {
            if (merge_pair_key(&run->ix, 'B', gr->kind, gr->referenced, gr->cancelled,
                               gr->people[j], id) != 0 ||
                merge_index_add(&run->ix, g) != 0)
                return -1;
            if (dateless && (merge_pair_key(&run->ix, 'V', gr->kind, gr->referenced, gr->cancelled,
                                            gr->people[j], id) != 0 ||
                             merge_index_add(&run->ix, g) != 0))
                return -1;
        }
    }
    if (doc_id && (merge_key(&run->ix, 'D', "", 0, 0, doc_id, strlen(doc_id)) != 0 ||
                   merge_index_add(&run->ix, g) != 0))
        return -1;
    return 0;
}

/* Sets *best to the group input i (mention m) fits best, the first of equals, or SIZE_MAX when
 * none fits. Returns 0, or -1 out of memory. */
static int merge_choose(struct merge_run *run, size_t i, const struct ingest_meeting_mention *m,
                        size_t stamp, size_t *best)
{
    const char *doc_id = run->inputs[i].doc_id;
    const struct merge_list *same_doc = NULL;
    char mlo[11] = "", mhi[11] = "";
    int best_fit = -1;

    *best = SIZE_MAX;
    if (m->date[0])
        merge_interval(m->date, m->date_part, mlo, mhi);
    if (merge_find_cands(run, m, mlo, mhi, stamp) != 0)
        return -1;
    if (doc_id) {
        if (merge_key(&run->ix, 'D', "", 0, 0, doc_id, strlen(doc_id)) != 0)
            return -1;
        same_doc = merge_index_find(&run->ix);
    }
    for (size_t c = 0; c < run->cand_count; c++) {
        size_t g = run->cands[c];
        int fit = merge_fit(&run->groups[g], m, mlo, mhi);
        /* never two mentions of one document in a group: the extractor already collapsed
         * what it could tell was one meeting */
        for (size_t k = 0; fit >= 0 && same_doc && k < same_doc->count; k++)
            if (same_doc->items[k] == g)
                fit = -1;
        if (fit > best_fit || (fit >= 0 && fit == best_fit && g < *best)) {
            best_fit = fit;
            *best = g;
        }
    }
    return 0;
}

struct merge_order {
    int precision;
    size_t input;
};

/* The most precise dates first, then in input order. */
static int merge_order_cmp(const void *a, const void *b)
{
    const struct merge_order *x = a, *y = b;
    if (x->precision != y->precision)
        return y->precision - x->precision;
    return x->input < y->input ? -1 : x->input > y->input;
}

static int merge_size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static char *merge_strdup(const char *s) { return s ? strdup(s) : NULL; }

/* Groups that reached the same registry row are one meeting: the first of them takes the
 * inputs of the others, in group order. */
static int merge_by_row(struct merge_run *run, const struct ingest_registry *reg)
{
    size_t *owner = reg ? malloc((reg->count + 1) * sizeof *owner) : NULL;

    if (!reg)
        return 0;
    if (!owner)
        return -1;
    for (size_t r = 0; r < reg->count; r++)
        owner[r] = SIZE_MAX;
    for (size_t g = 0; g < run->group_count; g++) {
        struct merge_group *gr = &run->groups[g];
        size_t r;
        if (!gr->row)
            continue;
        r = (size_t)(gr->row - reg->rows);
        if (owner[r] == SIZE_MAX) {
            owner[r] = g;
            continue;
        }
        for (size_t k = 0; k < gr->input_count; k++)
            if (merge_add(&run->groups[owner[r]], gr->inputs[k],
                          run->inputs[gr->inputs[k]].mention) != 0) {
                free(owner);
                return -1;
            }
        gr->dead = 1;
    }
    free(owner);
    return 0;
}

int ingest_meetings_merge(const struct ingest_merge_input *inputs, size_t input_count,
                          const struct ingest_registry *reg, struct ingest_merge_result *out)
{
    struct merge_run run = {.inputs = inputs};
    struct merge_order *order = NULL;
    struct ingest_merged_meeting *list = NULL;
    size_t list_count = 0;
    int rc = -1;

    memset(out, 0, sizeof *out);
    order = malloc((input_count + 1) * sizeof *order);
    run.seen = calloc(input_count + 1, sizeof *run.seen);
    run.cands = malloc((input_count + 1) * sizeof *run.cands);
    if (!order || !run.seen || !run.cands)
        goto out;
    for (size_t i = 0; i < input_count; i++)
        order[i] =
            (struct merge_order){inputs[i].mention ? (int)inputs[i].mention->date_precision : 0, i};
    /* The most precise dates first: they anchor the groups. */
    qsort(order, input_count, sizeof *order, merge_order_cmp);
    for (size_t oi = 0; oi < input_count; oi++) {
        size_t i = order[oi].input, best;
        const struct ingest_meeting_mention *m = inputs[i].mention;
        if (!m || !m->kind)
            continue;
        if (merge_choose(&run, i, m, oi + 1, &best) != 0)
            goto out;
        if (best == SIZE_MAX && (best = merge_new_group(&run, m)) == SIZE_MAX)
            goto out;
        if (merge_place(&run, best, i, m) != 0)
            goto out;
    }
    /* Link to the registry; groups that reach the same row are one meeting. */
    for (size_t g = 0; g < run.group_count; g++) {
        const char *status = NULL;
        for (size_t k = 0; k < run.groups[g].input_count; k++) {
            const char *st = inputs[run.groups[g].inputs[k]].mention->status;
            if (merge_status_rank(st) > merge_status_rank(status))
                status = st;
        }
        if (reg && merge_link(&run.groups[g], reg, status ? status : "held") != 0)
            goto out;
    }
    if (merge_by_row(&run, reg) != 0)
        goto out;

    list = calloc(run.group_count + 1, sizeof *list);
    if (!list)
        goto out;
    for (size_t g = 0; g < run.group_count; g++) {
        struct merge_group *gr = &run.groups[g];
        struct ingest_merged_meeting *mm;
        const struct ingest_meeting_mention *b = gr->best, *placed = NULL;
        const char *status = NULL;
        char idbuf[96];

        if (gr->dead)
            continue;
        mm = &list[list_count++];
        /* inputs in their given order */
        qsort(gr->inputs, gr->input_count, sizeof *gr->inputs, merge_size_cmp);
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
                if (merge_key(&run.ix, 'I', "", 0, 0, idbuf, strlen(idbuf)) != 0)
                    goto out;
                if (!merge_index_find(&run.ix))
                    break;
                snprintf(idbuf, sizeof idbuf, "%.80s-%d", base, n);
            }
        }
        mm->id = strdup(idbuf);
        if (!mm->id || merge_index_add(&run.ix, g) != 0) /* the key is still idbuf's */
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
    for (size_t g = 0; g < run.group_count; g++) {
        free(run.groups[g].people);
        free(run.groups[g].inputs);
        free(run.groups[g].cands);
    }
    free(run.groups);
    merge_index_clear(&run.ix);
    free(run.seen);
    free(run.cands);
    free(order);
    return rc;
}
