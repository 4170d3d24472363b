/* tests/test_ingest_corpus.c: reading corpus files: UTF-8 checks, ids, word counts, titles. */
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "tests/harness.h"
#include "tests/unit.h"

static void test_utf8(void)
{
    static const struct {
        const char *s;
        size_t len;
        int valid;
        size_t bad;
    } cases[] = {
        {"plain ascii", 11, 1, 0},
        {"caf\xc3\xa9", 5, 1, 0},
        {"\xe6\x97\xa5\xe6\x9c\xac", 6, 1, 0},           /* 日本 */
        {"\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5", 8, 1, 0},   /* a flag: 4-byte sequences */
        {"caf\xe9", 4, 0, 3},                            /* Latin-1 */
        {"\xc0\xaf", 2, 0, 0},                           /* overlong '/' */
        {"\xe0\x80\xaf", 3, 0, 0},                       /* overlong, 3 bytes */
        {"\xed\xa0\x80", 3, 0, 0},                       /* a UTF-16 surrogate */
        {"\xf4\x90\x80\x80", 4, 0, 0},                   /* past U+10FFFF */
        {"ok\xe6\x97", 4, 0, 2},                         /* truncated at the end */
        {"\x80", 1, 0, 0},                               /* a lone continuation byte */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t bad = 999;
        int valid = ingest_utf8_valid(cases[i].s, cases[i].len, &bad);
        CHECK(valid == cases[i].valid);
        if (!cases[i].valid)
            CHECK(bad == cases[i].bad);
    }
}

static void test_word_count(void)
{
    CHECK(ingest_word_count("", 0) == 0);
    CHECK(ingest_word_count("one", 3) == 1);
    CHECK(ingest_word_count("Japan's two-plus-two talks", 26) == 3);
    CHECK(ingest_word_count("a \xe2\x80\x94 b", 7) == 2);           /* an em dash is no word */
    CHECK(ingest_word_count("\xe2\x80\x9cQuoted\xe2\x80\x9d", 12) == 1);
    CHECK(ingest_word_count("' lone quote", 12) == 2);
    CHECK(ingest_word_count("Xi Jinping (\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3)", 20) == 3);
}

static void test_doc_id(void)
{
    char *id = NULL;
    CHECK(ingest_doc_id("000_49d601aa9b4ef2d6.txt", &id) == 0);
    CHECK_STR(id, "000_49d601aa9b4ef2d6");
    free(id);
    CHECK(ingest_doc_id("a.b-c_d.txt", &id) == 0);
    CHECK_STR(id, "a.b-c_d");
    free(id);
    CHECK(ingest_doc_id("with space.txt", &id) != 0 && id == NULL);
    CHECK(ingest_doc_id(".hidden.txt", &id) != 0);
    CHECK(ingest_doc_id(".txt", &id) != 0);
    CHECK(ingest_doc_id("\xc3\xa9t\xc3\xa9.txt", &id) != 0);
}

static void test_title(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"Accessibility links\n\nBreaking News\n\nUS Rules Out Expanding Treaty\n\nBody.",
         "US Rules Out Expanding Treaty"},
        {"Home | World | Asia\nAllies  Agree   on Radar Plan\nText.", "Allies Agree on Radar Plan"},
        {"This whole file is one sentence that ends with a period.", NULL},
        {"Under the new guidelines, Japan would:\n* Provide mine sweepers;", NULL},
        {"See http://example.com/a/b for more\n", NULL},
        {"15:43, February 04, 2010\n", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *t = ingest_title_guess(cases[i].text, strlen(cases[i].text));
        CHECK_STR(t, cases[i].want);
        free(t);
    }
}

static void test_file_read(void)
{
    char dir[128], detail[256];
    struct ingest_file file;
    enum ingest_skip why;

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    CHECK(harness_write_file(dir, "ok.txt", "abc", 3) == 0);
    CHECK(harness_write_file(dir, "nul.txt", "a\0b", 3) == 0);
    CHECK(ingest_file_read(dir, "ok.txt", 1 << 20, &file, &why, detail, sizeof(detail)) ==
          INGEST_OK);
    CHECK_STR(file.id, "ok");
    /* SHA-256("abc"), FIPS 180-2 appendix B.1 */
    CHECK_STR(file.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(file.size == 3);
    ingest_file_clear(&file);
    ingest_file_clear(&file); /* safe twice */
    CHECK(ingest_file_read(dir, "nul.txt", 1 << 20, &file, &why, detail, sizeof(detail)) ==
              INGEST_SKIP &&
          why == INGEST_SKIP_BINARY);
    CHECK(ingest_file_read(dir, "ok.txt", 2, &file, &why, detail, sizeof(detail)) ==
              INGEST_SKIP &&
          why == INGEST_SKIP_TOO_LARGE && strstr(detail, "limit"));
    CHECK(ingest_file_read(dir, "missing.txt", 1 << 20, &file, &why, detail, sizeof(detail)) ==
              INGEST_SKIP &&
          why == INGEST_SKIP_UNREADABLE);
}

static void test_scan(void)
{
    char dir[128];
    struct ingest_corpus corpus;

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    CHECK(harness_write_file(dir, "b.txt", "b", 1) == 0);
    CHECK(harness_write_file(dir, "a.txt", "a", 1) == 0);
    CHECK(harness_write_file(dir, "c.md", "c", 1) == 0);
    CHECK(harness_write_file(dir, ".d.txt", "d", 1) == 0);
    CHECK(ingest_corpus_scan(dir, &corpus) == INGEST_OK);
    CHECK(corpus.count == 2);
    if (corpus.count == 2) {
        CHECK_STR(corpus.names[0], "a.txt");
        CHECK_STR(corpus.names[1], "b.txt");
    }
    ingest_corpus_clear(&corpus);
    CHECK(ingest_corpus_scan("/nonexistent/dir", &corpus) == INGEST_IO);
}

int main(void)
{
    test_utf8();
    test_word_count();
    test_doc_id();
    test_title();
    test_file_read();
    test_scan();
    return unit_done("test_ingest_corpus");
}
