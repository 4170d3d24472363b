/* tests/test_entities_fixtures.c: scores entity extraction against hand-made gold
 * (tests/fixtures/entities/ *.gold.json): typed mention F1 (exact span and type), F1 per type,
 * alias->canonical accuracy and role accuracy, per file and in total, for the fixture articles
 * (NN-name) and for the bundled corpus bodies (corpus-ID) separately. Fails below the targets.
 * Run from the repository root. TWOPLUS_VERBOSE=1 lists every disagreement.
 * TWOPLUS_ENTITIES_FROM=NN scores only the articles numbered NN and up (no corpus): the figures
 * of a new held-out batch alone, for its first run. */
#include "ingest/doc.h"
#include "ingest/entities.h"

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/unit.h"

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "tests/fixtures/entities"
#endif
#define TYPES 5

struct score {
    size_t tp[TYPES], fp[TYPES], fn[TYPES];
    size_t canon_ok, canon_n;         /* span+type matches with the right entity id */
    size_t role_ok, role_n;           /* matched people where gold or output gives a role */
    size_t role_gold_ok, role_gold_n; /* gold mentions with a role (missed ones count) */
};

static const struct ingest_gazetteer *fx_gz;
static int fx_verbose;


/* A role compared loosely: lower case, diacritics folded, no article, abbreviations spelled
 * out, and without a leading country ("Japan's", "U.S.", "Chinese") when the gazetteer knows
 * it. Returns a malloc'd string. */
static char *fx_role_norm(const char *role)
{
    static const char *const abbr[][2] = {
        {"gov.", "governor"}, {"sen.", "senator"},    {"rep.", "representative"},
        {"gen.", "general"},  {"lt.", "lieutenant"},  {"col.", "colonel"},
        {"adm.", "admiral"},  {"defence", "defense"}, {"prof.", "professor"},
    };
    struct ingest_tokens tk;
    struct ingest_alias_match *m = NULL;
    size_t count = 0, from = 0;
    char *out;
    size_t n = 0;

    if (ingest_tokenize(role, strlen(role), &tk) < 0)
        return NULL;
    while (from < tk.count && (strcmp(tk.norm + tk.tok[from].norm, "the") == 0 ||
                               strcmp(tk.norm + tk.tok[from].norm, "a") == 0 ||
                               strcmp(tk.norm + tk.tok[from].norm, "an") == 0))
        from++;
    if (fx_gz && ingest_gazetteer_match(fx_gz, &tk, &m, &count) == 0 && count > 0 &&
        m[0].first == from && m[0].last < tk.count &&
        ingest_gazetteer_entity(fx_gz, m[0].hits[0].entity)->type == INGEST_ENT_COUNTRY) {
        from = m[0].last;
        if (from < tk.count && strcmp(tk.norm + tk.tok[from].norm, "'s") == 0)
            from++;
    }
    free(m);
    out = malloc(strlen(role) * 2 + 16);
    if (!out) {
        ingest_tokens_clear(&tk);
        return NULL;
    }
    for (size_t i = from; i < tk.count; i++) {
        char w[128];
        snprintf(w, sizeof(w), "%s", tk.norm + tk.tok[i].norm);
        for (char *p = w; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        for (size_t k = 0; k < sizeof(abbr) / sizeof(abbr[0]); k++)
            if (strcmp(w, abbr[k][0]) == 0)
                snprintf(w, sizeof(w), "%s", abbr[k][1]);
        if (strcmp(w, ",") == 0 || strcmp(w, ".") == 0)
            continue;
        n += (size_t)sprintf(out + n, "%s%s", n ? " " : "", w);
    }
    out[n] = '\0';
    ingest_tokens_clear(&tk);
    return out;
}

static int fx_role_equal(const char *a, const char *b)
{
    char *x, *y;
    int eq;

    if (!a || !b)
        return a == b;
    x = fx_role_norm(a);
    y = fx_role_norm(b);
    eq = x && y && strcmp(x, y) == 0;
    free(x);
    free(y);
    return eq;
}

static void fx_add(struct score *total, const struct score *s)
{
    for (int t = 0; t < TYPES; t++) {
        total->tp[t] += s->tp[t];
        total->fp[t] += s->fp[t];
        total->fn[t] += s->fn[t];
    }
    total->canon_ok += s->canon_ok;
    total->canon_n += s->canon_n;
    total->role_ok += s->role_ok;
    total->role_n += s->role_n;
    total->role_gold_ok += s->role_gold_ok;
    total->role_gold_n += s->role_gold_n;
}

static double fx_f1(size_t tp, size_t fp, size_t fn)
{
    return tp == 0 ? (fp + fn == 0 ? 1.0 : 0.0) : 2.0 * (double)tp / (double)(2 * tp + fp + fn);
}

static double fx_total_f1(const struct score *s)
{
    size_t tp = 0, fp = 0, fn = 0;
    for (int t = 0; t < TYPES; t++) {
        tp += s->tp[t];
        fp += s->fp[t];
        fn += s->fn[t];
    }
    return fx_f1(tp, fp, fn);
}

static double fx_ratio(size_t ok, size_t n) { return n ? (double)ok / (double)n : 1.0; }

static void fx_print(const char *label, const struct score *s)
{
    fprintf(stderr, "%-34s F1 %.3f |", label, fx_total_f1(s));
    for (int t = 0; t < TYPES; t++)
        fprintf(stderr, " %.4s %.3f", ingest_entity_type_name((enum ingest_entity_type)t),
                fx_f1(s->tp[t], s->fp[t], s->fn[t]));
    fprintf(stderr, " | canon %.3f (%zu) | role %.3f (%zu)\n", fx_ratio(s->canon_ok, s->canon_n),
            s->canon_n, fx_ratio(s->role_ok, s->role_n), s->role_n);
}

/* Scores one gold file. Returns 0, or -1 when it cannot be read. */
static int fx_score_file(const char *gold_path, struct score *s)
{
    json_error_t jerr;
    json_t *gold = json_load_file(gold_path, 0, &jerr), *mentions, *gm;
    const char *date, *body;
    char text_path[512];
    char *text = NULL;
    size_t len = 0, gi;
    struct ingest_range *sent = NULL;
    size_t sent_count = 0;
    struct ingest_entity_result res = {0};
    unsigned char *used = NULL;
    int rc = -1;

    memset(s, 0, sizeof(*s));
    if (!gold) {
        fprintf(stderr, "%s: %s\n", gold_path, jerr.text);
        return -1;
    }
    date = json_string_value(json_object_get(gold, "doc_date"));
    body = json_string_value(json_object_get(gold, "body"));
    mentions = json_object_get(gold, "mentions");
    if (body)
        snprintf(text_path, sizeof(text_path), "%s", body);
    else
        snprintf(text_path, sizeof(text_path), "%.*s.txt",
                 (int)(strlen(gold_path) - strlen(".gold.json")), gold_path);
    text = unit_read_file(text_path, &len);
    if (!text || !json_is_array(mentions)) {
        fprintf(stderr, "%s: cannot read %s\n", gold_path, text_path);
        goto out;
    }
    if (ingest_sentences(text, len, &sent, &sent_count) < 0)
        goto out;
    if (ingest_entities_extract(fx_gz, text, len, sent, sent_count, date, &res) < 0)
        goto out;
    used = calloc(res.mention_count + 1, 1);
    if (!used)
        goto out;
    json_array_foreach(mentions, gi, gm)
    {
        size_t start = (size_t)json_integer_value(json_object_get(gm, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(gm, "end"));
        const char *gtext = json_string_value(json_object_get(gm, "text"));
        int type = ingest_entity_type_parse(json_string_value(json_object_get(gm, "type")));
        const char *entity = json_string_value(json_object_get(gm, "entity"));
        const char *role = json_string_value(json_object_get(gm, "role"));
        const struct ingest_mention *hit = NULL;

        if (type < 0 || end > len || !gtext || strlen(gtext) != end - start ||
            memcmp(text + start, gtext, end - start) != 0) {
            fprintf(stderr, "%s: gold mention %zu does not match the text\n", gold_path, gi);
            goto out;
        }
        for (size_t k = 0; k < res.mention_count; k++)
            if (!used[k] && res.mentions[k].clean.start == start &&
                res.mentions[k].clean.end == end && (int)res.mentions[k].type == type) {
                used[k] = 1;
                hit = &res.mentions[k];
                break;
            }
        if (role)
            s->role_gold_n++;
        if (!hit) {
            s->fn[type]++;
            if (fx_verbose)
                fprintf(stderr, "  MISS %s [%zu,%zu) \"%s\" %s\n", text_path, start, end, gtext,
                        ingest_entity_type_name((enum ingest_entity_type)type));
            continue;
        }
        s->tp[type]++;
        s->canon_n++;
        if (entity && strcmp(entity, hit->entity_id) == 0)
            s->canon_ok++;
        else if (fx_verbose)
            fprintf(stderr, "  ID   %s \"%s\": got %s, want %s\n", text_path, gtext, hit->entity_id,
                    entity ? entity : "?");
        if (type == INGEST_ENT_PERSON && (role || hit->role)) {
            int ok = fx_role_equal(role, hit->role);
            s->role_n++;
            s->role_ok += ok;
            if (role)
                s->role_gold_ok += ok;
            if (!ok && fx_verbose)
                fprintf(stderr, "  ROLE %s \"%s\" [%zu]: got \"%s\", want \"%s\"\n", text_path,
                        gtext, start, hit->role ? hit->role : "", role ? role : "");
        }
    }
    for (size_t k = 0; k < res.mention_count; k++) {
        const struct ingest_mention *m = &res.mentions[k];
        if (used[k])
            continue;
        s->fp[m->type]++;
        if (fx_verbose)
            fprintf(stderr, "  EXTRA %s [%zu,%zu) \"%.*s\" %s %s (%s)\n", text_path, m->clean.start,
                    m->clean.end, (int)(m->clean.end - m->clean.start), text + m->clean.start,
                    ingest_entity_type_name(m->type), m->entity_id, m->rule);
    }
    rc = 0;
out:
    free(used);
    ingest_entity_result_clear(&res);
    free(sent);
    free(text);
    json_decref(gold);
    return rc;
}

static int fx_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks a set's totals against the targets. */
static void fx_check_targets(const char *label, const struct score *s)
{
    double f1 = fx_total_f1(s);
    double per =
        fx_f1(s->tp[INGEST_ENT_PERSON], s->fp[INGEST_ENT_PERSON], s->fn[INGEST_ENT_PERSON]);
    double cty =
        fx_f1(s->tp[INGEST_ENT_COUNTRY], s->fp[INGEST_ENT_COUNTRY], s->fn[INGEST_ENT_COUNTRY]);
    double canon = fx_ratio(s->canon_ok, s->canon_n), role = fx_ratio(s->role_ok, s->role_n);

    fprintf(stderr,
            "%s targets: F1 %.3f >= 0.90, person %.3f >= 0.95, country %.3f >= 0.95, "
            "canonical %.3f >= 0.95, role %.3f >= 0.90 (gold roles found right: %zu/%zu)\n",
            label, f1, per, cty, canon, role, s->role_gold_ok, s->role_gold_n);
    CHECK(f1 >= 0.90);
    CHECK(per >= 0.95);
    CHECK(cty >= 0.95);
    CHECK(canon >= 0.95);
    CHECK(role >= 0.90);
}

int main(void)
{
    struct ingest_gazetteer *gz = NULL;
    char err[512];
    DIR *d;
    struct dirent *de;
    char **names = NULL;
    size_t count = 0;
    struct score fixtures = {0}, corpus = {0};
    size_t nfix = 0, ncorpus = 0;
    const char *v = getenv("TWOPLUS_VERBOSE");
    const char *from = getenv("TWOPLUS_ENTITIES_FROM");
    long only_from = from && *from ? strtol(from, NULL, 10) : -1;

    fx_verbose = v && *v && strcmp(v, "0") != 0;
    if (ingest_gazetteer_load("data/entities.jsonl", &gz, err, sizeof(err)) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    fx_gz = gz;
    d = opendir(FIXTURE_DIR);
    CHECK(d != NULL);
    while (d && (de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        char **p;
        if (n < 11 || strcmp(de->d_name + n - 10, ".gold.json") != 0)
            continue;
        p = realloc(names, (count + 1) * sizeof(*p));
        if (!p)
            break;
        names = p;
        names[count++] = strdup(de->d_name);
    }
    if (d)
        closedir(d);
    qsort(names, count, sizeof(*names), fx_name_cmp);
    for (size_t i = 0; i < count; i++) {
        char path[512];
        struct score s;
        int is_corpus = strncmp(names[i], "corpus-", 7) == 0;

        if (only_from >= 0 && (is_corpus || strtol(names[i], NULL, 10) < only_from)) {
            free(names[i]);
            continue;
        }
        snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, names[i]);
        CHECK(fx_score_file(path, &s) == 0);
        names[i][strlen(names[i]) - 10] = '\0';
        fx_print(names[i], &s);
        fx_add(is_corpus ? &corpus : &fixtures, &s);
        if (is_corpus)
            ncorpus++;
        else
            nfix++;
        free(names[i]);
    }
    free(names);
    fx_print("TOTAL fixtures", &fixtures);
    fx_print("TOTAL corpus", &corpus);
    CHECK(nfix >= (only_from >= 0 ? 1 : 10));
    fx_check_targets("fixtures", &fixtures);
    if (ncorpus)
        fx_check_targets("corpus", &corpus);
    ingest_gazetteer_free(gz);
    return unit_done("test_entities_fixtures");
}
