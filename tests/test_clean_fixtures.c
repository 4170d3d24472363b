/* tests/test_clean_fixtures.c: the cleaning stage on whole pages with expected results: every
 * NN-*.txt of a fixture folder (argv[1], e.g. tests/fixtures/clean) and the bundled corpus
 * (argv[2], default "corpus") against hand-written expectations (argv[3], default
 * "tests/fixtures/corpus-expected"). Per page: body F1 over word 4-gram shingles (multisets,
 * as in the ScrapingHub article-extraction benchmark), no removed chrome in the body, clean
 * offsets that map back to the same bytes, metadata against NN-name.meta.json.
 * Fails when a group's macro F1 < 0.96, a stated published date (or its absence) is wrong,
 * chrome survives, an offset is off, or cleaning fails. Other metadata differences are
 * printed, and counted in the summary, but do not fail the run. */
#include <dirent.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/doc.h"
#include "tests/unit.h"

#define MIN_MACRO_F1 0.96

struct text {
    char *s;
    size_t len;
};

static char *fixtures_read(const char *dir, const char *name, size_t *len)
{
    char path[4096];

    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
        return NULL;
    return unit_read_file(path, len);
}

/* White space as Python's str.split() sees it in these texts: ASCII and U+00A0. */
static size_t fixtures_space(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];

    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
        return 1;
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* s[0..len) with white space runs folded to one space and trimmed (malloc'd). */
static struct text fixtures_collapse(const char *s, size_t len)
{
    struct text t = {malloc(len + 1), 0};
    int space = 0;

    if (!t.s)
        return t;
    for (size_t i = 0; i < len;) {
        size_t k = fixtures_space(s, i, len);
        if (k) {
            space = t.len > 0;
            i += k;
            continue;
        }
        if (space)
            t.s[t.len++] = ' ';
        space = 0;
        t.s[t.len++] = s[i++];
    }
    t.s[t.len] = '\0';
    return t;
}

/* ---- shingle F1 ---- */

static int fixtures_u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Hashes of the word 4-grams of s (whitespace tokens; a text of one to three words is one
 * shingle), sorted. Returns the count; *out is malloc'd. */
static size_t fixtures_shingles(const char *s, size_t len, uint64_t **out)
{
    size_t ntok = 0, cap = 64, count, *starts = malloc(cap * sizeof(size_t)),
           *ends = malloc(cap * sizeof(size_t));
    uint64_t *h = NULL;

    *out = NULL;
    if (!starts || !ends)
        goto fail;
    for (size_t i = 0; i < len;) {
        size_t k = fixtures_space(s, i, len), st;
        if (k) {
            i += k;
            continue;
        }
        st = i;
        while (i < len && !fixtures_space(s, i, len))
            i++;
        if (ntok == cap) {
            size_t *a = realloc(starts, 2 * cap * sizeof(size_t)),
                   *b = a ? realloc(ends, 2 * cap * sizeof(size_t)) : NULL;
            if (a)
                starts = a;
            if (!a || !b)
                goto fail;
            ends = b;
            cap *= 2;
        }
        starts[ntok] = st;
        ends[ntok++] = i;
    }
    count = ntok == 0 ? 0 : ntok < 4 ? 1 : ntok - 3;
    h = malloc((count ? count : 1) * sizeof(*h));
    if (!h)
        goto fail;
    for (size_t i = 0; i < count; i++) {
        uint64_t x = 1469598103934665603ULL;
        for (size_t t = i; t < i + 4 && t < ntok; t++) {
            for (size_t b = starts[t]; b < ends[t]; b++)
                x = (x ^ (unsigned char)s[b]) * 1099511628211ULL;
            x = (x ^ 0x1F) * 1099511628211ULL; /* token separator */
        }
        h[i] = x;
    }
    qsort(h, count, sizeof(*h), fixtures_u64_cmp);
    free(starts);
    free(ends);
    *out = h;
    return count;
fail:
    free(starts);
    free(ends);
    free(h);
    return 0;
}

/* F1 of got against want over shingle multisets; two empty texts agree (F1 = 1). */
static double fixtures_f1(const char *got, size_t got_len, const char *want, size_t want_len,
                          double *precision, double *recall)
{
    uint64_t *g, *w;
    size_t ng = fixtures_shingles(got, got_len, &g), nw = fixtures_shingles(want, want_len, &w);
    size_t i = 0, j = 0, tp = 0;
    double f1;

    while (i < ng && j < nw) {
        if (g[i] == w[j])
            tp++, i++, j++;
        else if (g[i] < w[j])
            i++;
        else
            j++;
    }
    free(g);
    free(w);
    if (ng == 0 && nw == 0) {
        *precision = *recall = 1.0;
        return 1.0;
    }
    *precision = ng ? (double)tp / (double)ng : 0.0;
    *recall = nw ? (double)tp / (double)nw : 0.0;
    f1 = *precision + *recall > 0 ? 2 * *precision * *recall / (*precision + *recall) : 0.0;
    return f1;
}

/* ---- chrome that must not survive ---- */

static int fixtures_has_word_char(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))
            return 1;
    return 0;
}

static size_t fixtures_words(const char *s)
{
    size_t w = 0;
    int in = 0;

    for (; *s; s++) {
        int c = *s != ' ';
        w += c && !in;
        in = c;
    }
    return w;
}

/* A piece of the raw page that the expected body leaves out: is it in the clean body? It
 * leaks when it is a whole paragraph of the clean body, or when it has six words or more and
 * occurs anywhere in it. Returns 1 on a leak (printed). */
static int fixtures_leak(const char *piece, const struct text *want, const struct text *got,
                         char **paras, size_t npara, const char *name)
{
    if (!*piece || !fixtures_has_word_char(piece) || strstr(want->s, piece))
        return 0;
    for (size_t p = 0; p < npara; p++)
        if (strcmp(paras[p], piece) == 0)
            goto leak;
    if (fixtures_words(piece) >= 6 && strstr(got->s, piece))
        goto leak;
    return 0;
leak:
    fprintf(stderr, "%s: chrome survives in the body: \"%.100s\"\n", name, piece);
    return 1;
}

/* Checks every raw line (and each cell of a pipe row whose line is not body) against the
 * expected body. Returns the number of leaks. */
static size_t fixtures_chrome(const char *raw, size_t raw_len, const struct text *want,
                              const struct ingest_doc *doc, const char *name)
{
    struct text got = fixtures_collapse(doc->clean, doc->clean_len);
    char **paras = NULL;
    size_t npara = 0, leaks = 0, start = 0;

    if (!got.s)
        return 1;
    for (size_t p = 0; p < doc->paragraph_count; p++) {
        const struct ingest_range *r = &doc->paragraphs[p].clean;
        struct text t = fixtures_collapse(doc->clean + r->start, r->end - r->start);
        char **bigger = realloc(paras, (npara + 1) * sizeof(*paras));
        if (!bigger || !t.s) {
            free(t.s);
            leaks++;
            break;
        }
        paras = bigger;
        paras[npara++] = t.s;
    }
    while (start < raw_len) {
        const char *nl = memchr(raw + start, '\n', raw_len - start);
        size_t end = nl ? (size_t)(nl - raw) : raw_len;
        struct text line = fixtures_collapse(raw + start, end - start);
        if (!line.s) {
            leaks++;
            break;
        }
        if (strchr(line.s, '|') && !strstr(want->s, line.s)) {
            char *cell = line.s;
            for (;;) {
                char *bar = strchr(cell, '|'), *a = cell, *b;
                if (bar)
                    *bar = '\0';
                while (*a == ' ')
                    a++;
                b = a + strlen(a);
                while (b > a && b[-1] == ' ')
                    *--b = '\0';
                leaks += (size_t)fixtures_leak(a, want, &got, paras, npara, name);
                if (!bar)
                    break;
                cell = bar + 1;
            }
        } else {
            leaks += (size_t)fixtures_leak(line.s, want, &got, paras, npara, name);
        }
        free(line.s);
        start = end + 1;
    }
    for (size_t p = 0; p < npara; p++)
        free(paras[p]);
    free(paras);
    free(got.s);
    return leaks;
}

/* Every clean byte that is not white space or U+FFFD maps to the same byte of the raw text. */
static size_t fixtures_map_errors(const char *raw, size_t raw_len, const struct ingest_doc *doc,
                                  const char *name)
{
    size_t errors = 0;

    for (size_t i = 0; i < doc->clean_len; i++) {
        unsigned char c = (unsigned char)doc->clean[i];
        if (c == ' ' || c == '\n')
            continue;
        if (i + 2 < doc->clean_len && memcmp(doc->clean + i, "\xEF\xBF\xBD", 3) == 0) {
            i += 2;
            continue;
        }
        if (doc->clean_to_raw[i] >= raw_len || raw[doc->clean_to_raw[i]] != doc->clean[i]) {
            if (errors++ == 0)
                fprintf(stderr, "%s: clean byte %zu maps to raw %zu\n", name, i,
                        doc->clean_to_raw[i]);
        }
    }
    return errors;
}

/* ---- metadata ---- */

static const char *fixtures_precision(enum ingest_precision p)
{
    return p == INGEST_PREC_DAY     ? "day"
           : p == INGEST_PREC_MONTH ? "month"
           : p == INGEST_PREC_YEAR  ? "year"
                                    : NULL;
}

static int fixtures_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Compares one field; prints and returns 1 on a difference. */
static int fixtures_field(const char *name, const char *field, const char *got, json_t *want_json)
{
    const char *want = json_is_string(want_json) ? json_string_value(want_json) : NULL;

    if (fixtures_same(got, want))
        return 0;
    fprintf(stderr, "  %s: %s: got \"%s\", want \"%s\"\n", name, field, got ? got : "(null)",
            want ? want : "(null)");
    return 1;
}

struct fixtures_result {
    double f1, precision, recall;
    size_t meta_diffs, date_wrong, leaks, map_errors;
    int failed_clean;
    char fields[128]; /* names of the differing fields */
};

static void fixtures_note(struct fixtures_result *res, const char *field)
{
    size_t used = strlen(res->fields);
    snprintf(res->fields + used, sizeof(res->fields) - used, "%s%s", used ? "," : "", field);
}

static void fixtures_meta(const char *name, const struct ingest_doc *doc, json_t *want,
                          struct fixtures_result *res)
{
    static const char *const fields[] = {"title",  "source",   "url",
                                         "byline", "dateline", "language"};
    const struct ingest_meta *m = &doc->meta;
    const char *got[] = {m->title.value,  m->source.value,   m->url.value,
                         m->byline.value, m->dateline.value, m->language.value};
    json_t *pub = json_object_get(want, "published"), *versions;
    const char *want_date = json_string_value(json_object_get(pub, "date"));
    const char *want_prec = json_string_value(json_object_get(pub, "precision"));

    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (fixtures_field(name, fields[i], got[i], json_object_get(want, fields[i]))) {
            res->meta_diffs++;
            fixtures_note(res, fields[i]);
        }
    if (!fixtures_same(m->published.value, want_date) ||
        !fixtures_same(fixtures_precision(m->published_precision), want_prec)) {
        fprintf(stderr, "  %s: published: got %s (%s), want %s (%s)\n", name,
                m->published.value ? m->published.value : "null",
                fixtures_precision(m->published_precision)
                    ? fixtures_precision(m->published_precision)
                    : "null",
                want_date ? want_date : "null", want_prec ? want_prec : "null");
        res->date_wrong++;
        fixtures_note(res, "PUBLISHED");
    }
    versions = json_object_get(want, "versions");
    if ((json_is_integer(versions) ? (int)json_integer_value(versions) : 0) != doc->versions) {
        fprintf(stderr, "  %s: versions: got %d\n", name, doc->versions);
        res->meta_diffs++;
        fixtures_note(res, "versions");
    }
}

/* Cleans dir/raw_name and compares with want_dir/stem.body.txt and stem.meta.json. */
static void fixtures_run(const char *dir, const char *raw_name, const char *want_dir,
                         const char *stem, struct fixtures_result *res)
{
    char body_name[600], meta_name[600];
    size_t raw_len = 0, body_len = 0;
    char *raw = fixtures_read(dir, raw_name, &raw_len), *body;
    struct text want = {0}, got = {0};
    struct ingest_doc doc = {0};
    json_t *meta = NULL;
    json_error_t jerr;

    memset(res, 0, sizeof(*res));
    snprintf(body_name, sizeof(body_name), "%s.body.txt", stem);
    snprintf(meta_name, sizeof(meta_name), "%s.meta.json", stem);
    body = fixtures_read(want_dir, body_name, &body_len);
    if (body) {
        char path[1200];
        snprintf(path, sizeof(path), "%s/%s", want_dir, meta_name);
        meta = json_load_file(path, 0, &jerr);
    }
    if (!raw || !body || !meta || ingest_clean(raw, raw_len, &doc) != 0) {
        fprintf(stderr, "%s: cannot read the page, its expectations, or clean it\n", stem);
        res->failed_clean = 1;
        goto out;
    }
    want = fixtures_collapse(body, body_len);
    got = fixtures_collapse(doc.clean, doc.clean_len);
    if (!want.s || !got.s) {
        res->failed_clean = 1;
        goto out;
    }
    res->f1 = fixtures_f1(got.s, got.len, want.s, want.len, &res->precision, &res->recall);
    res->leaks = fixtures_chrome(raw, raw_len, &want, &doc, stem);
    res->map_errors = fixtures_map_errors(raw, raw_len, &doc, stem);
    fixtures_meta(stem, &doc, meta, res);
out:
    json_decref(meta);
    ingest_doc_clear(&doc);
    free(want.s);
    free(got.s);
    free(raw);
    free(body);
}

static int fixtures_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir that end with suffix (and, when nn_prefix, start with "NN-"), minus
 * the ones ending with exclude. */
static size_t fixtures_list(const char *dir, const char *suffix, const char *exclude, int nn_prefix,
                            char ***out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0;

    *out = NULL;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), ls = strlen(suffix), lx = exclude ? strlen(exclude) : 0;
        char **bigger;
        if (n <= ls || strcmp(e->d_name + n - ls, suffix) != 0)
            continue;
        if (exclude && n > lx && strcmp(e->d_name + n - lx, exclude) == 0)
            continue;
        if (nn_prefix && !(n > 3 && e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
                           e->d_name[1] >= '0' && e->d_name[1] <= '9' && e->d_name[2] == '-'))
            continue;
        bigger = realloc(names, (count + 1) * sizeof(*names));
        if (!bigger)
            break;
        names = bigger;
        names[count] = strdup(e->d_name);
        if (names[count])
            count++;
    }
    closedir(d);
    qsort(names, count, sizeof(*names), fixtures_name_cmp);
    *out = names;
    return count;
}

/* Runs one group, prints its rows, returns its macro F1 (-1 when it has no page). */
static double fixtures_group(const char *title, const char *raw_dir, const char *want_dir,
                             int fixtures, size_t *meta_diffs)
{
    char **names;
    size_t count = fixtures ? fixtures_list(raw_dir, ".txt", ".body.txt", 1, &names)
                            : fixtures_list(want_dir, ".body.txt", NULL, 0, &names);
    double sum = 0.0;

    printf("\n%s (%zu pages)\n%-40s %6s %6s %6s  %s\n", title, count, "page", "F1", "P", "R",
           "metadata differences");
    for (size_t i = 0; i < count; i++) {
        struct fixtures_result res;
        char stem[512], raw_name[600];
        size_t n = strlen(names[i]) - (fixtures ? 4 : 9);
        snprintf(stem, sizeof(stem), "%.*s", (int)n, names[i]);
        snprintf(raw_name, sizeof(raw_name), "%s.txt", stem);
        fixtures_run(raw_dir, raw_name, want_dir, stem, &res);
        printf("%-40s %6.3f %6.3f %6.3f  %s\n", stem, res.f1, res.precision, res.recall,
               res.fields[0] ? res.fields : "-");
        sum += res.f1;
        *meta_diffs += res.meta_diffs;
        CHECK(!res.failed_clean);
        CHECK(res.date_wrong == 0); /* a stated date is wrong, or one is invented */
        CHECK(res.leaks == 0);      /* chrome in the body */
        CHECK(res.map_errors == 0); /* clean_to_raw */
        free(names[i]);
    }
    free(names);
    if (count == 0)
        return -1.0;
    printf("%s: macro F1 %.4f\n", title, sum / (double)count);
    return sum / (double)count;
}

int main(int argc, char **argv)
{
    const char *fixture_dir = argc > 1 ? argv[1] : "tests/fixtures/clean";
    const char *corpus_dir = argc > 2 ? argv[2] : "corpus";
    const char *expected_dir = argc > 3 ? argv[3] : "tests/fixtures/corpus-expected";
    size_t meta_diffs = 0;
    double f_fix, f_corpus;

    f_fix = fixtures_group("fixtures", fixture_dir, fixture_dir, 1, &meta_diffs);
    f_corpus = fixtures_group("bundled corpus", corpus_dir, expected_dir, 0, &meta_diffs);
    CHECK(f_fix >= 0.0); /* the fixture folder has pages */
    CHECK(f_corpus >= 0.0);
    CHECK(f_fix >= MIN_MACRO_F1);
    CHECK(f_corpus >= MIN_MACRO_F1);
    printf("\nmacro F1: fixtures %.4f, bundled corpus %.4f (minimum %.2f); metadata differences "
           "(not failing): %zu\n",
           f_fix, f_corpus, MIN_MACRO_F1, meta_diffs);
    return unit_done("clean_fixtures");
}
