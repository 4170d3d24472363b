/* tests/test_clean.c: the cleaning stage (ingest/doc.h) on small inline texts: normalization
 * and the clean->raw map, the sentence splitter, version tables, teasers, lists and tables,
 * metadata (dates, datelines, bylines, outlets), page shapes the classifier was not tuned on,
 * and invariants on random input. The pages here are written for this test, not copied.
 * Run with --large to also time a 50 MB page. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "tests/unit.h"

/* A paragraph of ordinary prose, long enough to read as body text. */
#define PROSE_A                                                                                    \
    "Officials in Tokyo and Washington said on Monday that the two governments would hold "        \
    "another round of talks on the cost of stationing American troops in Japan next month."
#define PROSE_B                                                                                    \
    "The talks are expected to focus on how the burden should be shared after the current "        \
    "agreement expires, a question that has divided the allies for years."
#define PROSE_C                                                                                    \
    "Several lawmakers in the ruling party said they would press the government to explain "       \
    "the new figures before the budget is approved by the Diet early next year."

static int doc_of(const char *raw, struct ingest_doc *doc)
{
    return ingest_clean(raw, strlen(raw), doc);
}

/* Paragraph i of doc as a NUL-terminated copy (static buffer, for CHECK_STR). */
static const char *para(const struct ingest_doc *doc, size_t i)
{
    static char buf[4096];
    size_t n;

    if (i >= doc->paragraph_count)
        return "(no such paragraph)";
    n = doc->paragraphs[i].clean.end - doc->paragraphs[i].clean.start;
    if (n >= sizeof(buf))
        n = sizeof(buf) - 1;
    memcpy(buf, doc->clean + doc->paragraphs[i].clean.start, n);
    buf[n] = '\0';
    return buf;
}

static int has_removed(const struct ingest_doc *doc, const char *reason, const char *text)
{
    for (size_t i = 0; i < doc->removed_count; i++)
        if (strcmp(doc->removed[i].reason, reason) == 0 &&
            (!text || strstr(doc->removed[i].text, text)))
            return 1;
    return 0;
}

/* Every clean byte that is not white space or a U+FFFD is the same byte of the raw text. */
static int map_ok(const char *raw, size_t raw_len, const struct ingest_doc *doc)
{
    for (size_t i = 0; i < doc->clean_len; i++) {
        if (doc->clean[i] == ' ' || doc->clean[i] == '\n')
            continue;
        if (i + 2 < doc->clean_len && memcmp(doc->clean + i, "\xEF\xBF\xBD", 3) == 0) {
            i += 2;
            continue;
        }
        if (doc->clean_to_raw[i] >= raw_len || raw[doc->clean_to_raw[i]] != doc->clean[i])
            return 0;
    }
    return 1;
}

/* The raw text under a field's range, white space folded, equals its value. */
static int provenance_ok(const char *raw, const struct ingest_field *f)
{
    char *text = NULL;
    size_t *map = NULL, len = 0;
    int ok;

    if (!f->value)
        return f->provenance == INGEST_PROV_NONE;
    if (f->provenance != INGEST_PROV_EXTRACTED || f->raw.end <= f->raw.start ||
        ingest_clean_collapse(raw, f->raw, &text, &map, &len) != 0)
        return 0;
    ok = strcmp(text, f->value) == 0;
    free(text);
    free(map);
    return ok;
}

/* ---- normalization and offsets ---- */

static void test_normalization(void)
{
    static const char raw[] =
        "\xEF\xBB\xBFThe Example Times\r\n\r\n"
        "The ministers met in Tokyo on Thursday and agreed\xC2\xA0 to  widen\ttheir cooperation "
        "on missile defense, said one caf\xE9 owner, and on cyber security and the use of "
        "space, officials said after the talks ended late in the evening.\r\n\r\n"
        "\xE2\x80\x9CWe are ready,\xE2\x80\x9D the minister said \xE2\x80\x94 and the other "
        "ministers nodded \xE6\x97 in agreement with what the first one had said to them "
        "during the long and difficult meeting.\r" PROSE_A "\r";
    struct ingest_doc doc;

    CHECK(ingest_clean(raw, sizeof(raw) - 1, &doc) == 0);
    CHECK(doc.invalid_utf8 == 2);    /* a Latin-1 byte, a truncated 3-byte sequence */
    CHECK(doc.paragraph_count == 3); /* a lone CR ends a line too */
    CHECK(strlen(doc.clean) == doc.clean_len);
    CHECK(strchr(doc.clean, '\r') == NULL);
    CHECK(strstr(doc.clean, "agreed to widen their cooperation") != NULL); /* NBSP, TAB */
    CHECK(strstr(doc.clean, "caf\xEF\xBF\xBD owner") != NULL);
    CHECK(strstr(doc.clean, "\xE2\x80\x9CWe are ready,\xE2\x80\x9D the minister said "
                            "\xE2\x80\x94 and") != NULL); /* curly quotes and dashes kept */
    CHECK(strstr(doc.clean, "ministers nodded \xEF\xBF\xBD in agreement") != NULL);
    CHECK_STR(para(&doc, 2), PROSE_A);
    CHECK(map_ok(raw, sizeof(raw) - 1, &doc));
    {
        const char *fffd = strstr(doc.clean, "\xEF\xBF\xBD");
        size_t at = (size_t)(fffd - doc.clean);
        CHECK(fffd && (unsigned char)raw[doc.clean_to_raw[at]] == 0xE9);
        CHECK(doc.clean_to_raw[at + 2] == doc.clean_to_raw[at]);
    }
    CHECK(doc.clean_to_raw[doc.clean_len] <= sizeof(raw) - 1);
    /* the only line above the story reads as its headline */
    CHECK_STR(doc.meta.title.value, "The Example Times");
    CHECK(provenance_ok(raw, &doc.meta.title));
    ingest_doc_clear(&doc);
    ingest_doc_clear(&doc); /* safe twice */
    ingest_doc_clear(NULL);
}

static void test_empty_and_chrome_only(void)
{
    struct ingest_doc doc;
    static const char nul[] = "abc\0def " PROSE_A;

    CHECK(ingest_clean("", 0, &doc) == 0);
    CHECK(doc.clean_len == 0 && doc.clean && doc.clean[0] == '\0' && doc.paragraph_count == 0);
    CHECK(doc.clean_to_raw != NULL);
    ingest_doc_clear(&doc);
    CHECK(ingest_clean(NULL, 0, &doc) == 0);
    ingest_doc_clear(&doc);
    CHECK(doc_of("Home | News | Sport | Weather\nSign in\n\xC2\xA9 2020 Example Media\n", &doc) ==
          0);
    CHECK(doc.clean_len == 0 && doc.paragraph_count == 0 && doc.sentence_count == 0);
    CHECK(doc.removed_count >= 2);
    CHECK_STR(doc.meta.published.value, NULL); /* a copyright year is no date */
    CHECK_STR(doc.meta.language.value, NULL);
    ingest_doc_clear(&doc);
    CHECK(ingest_clean(nul, sizeof(nul) - 1, &doc) == 0); /* a NUL byte inside */
    CHECK(strlen(doc.clean) == doc.clean_len);
    ingest_doc_clear(&doc);
}

static void test_collapse(void)
{
    static const char raw[] = "xx  By \xC2\xA0Jane\r\n Doe \xFF yy";
    char *text;
    size_t *map, len;
    struct ingest_range r = {2, sizeof(raw) - 4};

    CHECK(ingest_clean_collapse(raw, r, &text, &map, &len) == 0);
    CHECK_STR(text, "By Jane Doe \xEF\xBF\xBD");
    CHECK(len == strlen(text));
    CHECK(map[0] == 4 && raw[map[3]] == 'J' && map[len] == r.end);
    free(text);
    free(map);
}

/* ---- sentences ---- */

static void test_sentences(void)
{
    static const struct {
        const char *text;
        size_t count;
        const char *first, *last;
    } cases[] = {
        {"Mr. Abe met Ms. Rice in Washington. They talked for an hour.", 2,
         "Mr. Abe met Ms. Rice in Washington.", "They talked for an hour."},
        {"Kurt M. Campbell and Wallace C. Gregson attended. Both spoke.", 2,
         "Kurt M. Campbell and Wallace C. Gregson attended.", "Both spoke."},
        {"The U.S. Navy sailed. The U.N. Security Council met later.", 2, "The U.S. Navy sailed.",
         "The U.N. Security Council met later."},
        {"It began in the U.S. The talks moved to Tokyo.", 2, "It began in the U.S.",
         "The talks moved to Tokyo."},
        {"Spending rose 5.26 percent. Then it fell to 1.3 percent.", 2,
         "Spending rose 5.26 percent.", "Then it fell to 1.3 percent."},
        {"\"We are ready,\" he said. \"Are you?\" she asked.", 2, "\"We are ready,\" he said.",
         "\"Are you?\" she asked."},
        {"He said: \"It is over.\" Next came the vote.", 2, "He said: \"It is over.\"",
         "Next came the vote."},
        {"On Oct. 3, 2013, the ministers met. No. 2 was next.", 2,
         "On Oct. 3, 2013, the ministers met.", "No. 2 was next."},
        {"Gen. Smith and Sen. Jones spoke with Rep. Lee. Dr. Ito did not.", 2,
         "Gen. Smith and Sen. Jones spoke with Rep. Lee.", "Dr. Ito did not."},
        {"Wait... what happened? Nobody knew.", 2, "Wait... what happened?", "Nobody knew."},
        {"The deal collapsed\xE2\x80\xA6 It was never revived.", 2,
         "The deal collapsed\xE2\x80\xA6", "It was never revived."},
        {"\xE2\x80\x9CWe\xE2\x80\x99re not there yet,\xE2\x80\x9D Mr. Obama said. "
         "\xE2\x80\x9C"
         "But I\xE2\x80\x99m confident.\xE2\x80\x9D",
         2, "\xE2\x80\x9CWe\xE2\x80\x99re not there yet,\xE2\x80\x9D Mr. Obama said.",
         "\xE2\x80\x9C"
         "But I\xE2\x80\x99m confident.\xE2\x80\x9D"},
        {"The missile flew at 6 a.m. The sirens sounded.", 2, "The missile flew at 6 a.m.",
         "The sirens sounded."},
        {"It was bought by Example Inc. The price was not disclosed.", 2,
         "It was bought by Example Inc.", "The price was not disclosed."},
        {"Martin Luther King Jr. said so in St. Louis on Feb. 4 last year.", 1,
         "Martin Luther King Jr. said so in St. Louis on Feb. 4 last year.", NULL},
        {"Is it over? It is! Nobody doubts it.", 3, "Is it over?", "Nobody doubts it."},
        {"A | B\n---|---\n1 | 2", 3, "A | B", "1 | 2"},
        {"  No final period  ", 1, "No final period", NULL},
        {"", 0, NULL, NULL},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ingest_range *r = NULL;
        size_t count = 99;
        const char *t = cases[i].text;
        CHECK(ingest_sentences(t, strlen(t), &r, &count) == 0);
        CHECK(count == cases[i].count);
        if (count != cases[i].count)
            fprintf(stderr, "  case %zu: %zu sentences\n", i, count);
        if (count > 0 && cases[i].first) {
            char buf[512];
            snprintf(buf, sizeof(buf), "%.*s", (int)(r[0].end - r[0].start), t + r[0].start);
            CHECK_STR(buf, cases[i].first);
            if (cases[i].last) {
                snprintf(buf, sizeof(buf), "%.*s", (int)(r[count - 1].end - r[count - 1].start),
                         t + r[count - 1].start);
                CHECK_STR(buf, cases[i].last);
            }
        }
        free(r);
    }
}

static void test_doc_sentences(void)
{
    struct ingest_doc doc;

    CHECK(doc_of("Headline words for this page\n\n" PROSE_A " " PROSE_B "\n\n" PROSE_C "\n",
                 &doc) == 0);
    CHECK(doc.paragraph_count == 2);
    CHECK(doc.sentence_count == 3);
    for (size_t i = 0; i < doc.sentence_count; i++) {
        const struct ingest_sentence *s = &doc.sentences[i];
        const struct ingest_paragraph *p = &doc.paragraphs[s->paragraph];
        CHECK(s->clean.start >= p->clean.start && s->clean.end <= p->clean.end);
        CHECK(s->clean.end > s->clean.start);
    }
    CHECK(doc.sentences[2].paragraph == 1);
    ingest_doc_clear(&doc);
}

/* ---- structure: version tables, teasers, lists, tables ---- */

static void test_version_table(void)
{
    static const char raw[] =
        "This article is from the source 'example' and was first published or seen on March 3, "
        "2012. It is no longer checked.\n"
        "You can find the current article at its original source at "
        "http://www.example.test/news/2012/03/03/talks.html\n"
        "The article has changed 4 times. There is an RSS feed of changes available.\n"
        "Version 1 | Version 2 | Version 3 |\n"
        "---|---|---|\n"
        "Headline One | Headline Two | |\n"
        "(about 3 hours later) | (about 5 hours later) | |\n"
        "BY JANE DOE | BY JANE DOE | |\n"
        "TOKYO \xE2\x80\x94 First paragraph original. | TOKYO \xE2\x80\x94 First paragraph "
        "edited once. | TOKYO \xE2\x80\x94 First paragraph edited twice. |\n"
        "Second paragraph stays the same. | Second paragraph stays the same. | Second "
        "paragraph stays the same. |\n"
        "Third only early. | | |\n"
        "| | Fourth only late. |\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.versions == 3);
    CHECK(doc.paragraph_count == 4);
    CHECK_STR(para(&doc, 0), "TOKYO \xE2\x80\x94 First paragraph edited twice.");
    CHECK_STR(para(&doc, 1), "Second paragraph stays the same.");
    CHECK_STR(para(&doc, 2), "Third only early.");
    CHECK_STR(para(&doc, 3), "Fourth only late.");
    CHECK(strstr(doc.clean, "original") == NULL && strstr(doc.clean, "Headline") == NULL);
    CHECK(strstr(doc.clean, "later") == NULL && strstr(doc.clean, "|") == NULL);
    CHECK(has_removed(&doc, "superseded-version", "First paragraph original."));
    CHECK(has_removed(&doc, "superseded-version", "First paragraph edited once."));
    CHECK(has_removed(&doc, "duplicate-version", "Second paragraph stays the same."));
    CHECK(has_removed(&doc, "version-timestamp", "(about 5 hours later)"));
    CHECK(has_removed(&doc, "version-preamble", "changed 4 times"));
    CHECK(has_removed(&doc, "version-table-header", "Version 1"));
    CHECK(has_removed(&doc, "byline", "BY JANE DOE"));
    CHECK_STR(doc.meta.title.value, "Headline Two");
    CHECK_STR(doc.meta.source.value, "example");
    CHECK_STR(doc.meta.url.value, "http://www.example.test/news/2012/03/03/talks.html");
    CHECK_STR(doc.meta.published.value, "2012-03-03");
    CHECK(doc.meta.published_precision == INGEST_PREC_DAY);
    CHECK_STR(doc.meta.byline.value, "JANE DOE");
    CHECK_STR(doc.meta.dateline.value, "TOKYO");
    CHECK(provenance_ok(raw, &doc.meta.title) && provenance_ok(raw, &doc.meta.url) &&
          provenance_ok(raw, &doc.meta.dateline) && provenance_ok(raw, &doc.meta.source));
    CHECK(map_ok(raw, sizeof(raw) - 1, &doc));
    for (size_t i = 1; i < doc.removed_count; i++)
        CHECK(doc.removed[i - 1].raw.start <= doc.removed[i].raw.start);
    ingest_doc_clear(&doc);
}

static void test_teasers(void)
{
    static const char raw[] =
        "Allies to hold new talks on troop costs\n\n" PROSE_A "\n\n" PROSE_B "\n\n"
        "A new ramen museum opened in Yokohama this weekend with exhibits on the history of "
        "instant noodles, and the organizers said more than ten thousand visitors came on the "
        "first day to see the\n"
        "Local baseball fans lined up overnight for tickets to the final game of the season at "
        "the old stadium, which will be torn down next year to make room for a new";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 2);
    CHECK_STR(para(&doc, 1), PROSE_B);
    CHECK(doc.related_count == 2);
    CHECK(doc.related_count == 2 && strncmp(doc.related[0], "A new ramen museum", 18) == 0);
    CHECK(strstr(doc.clean, "ramen") == NULL);
    CHECK(has_removed(&doc, "teaser", "baseball"));
    CHECK_STR(doc.meta.title.value, "Allies to hold new talks on troop costs");
    ingest_doc_clear(&doc);
}

/* A last paragraph cut off in the middle of the story's own block is the story, not a
 * teaser. */
static void test_truncated_last_paragraph(void)
{
    static const char raw[] = PROSE_A
        "\n" PROSE_B "\n"
        "The talks on the cost of stationing American troops in Japan are expected to focus on "
        "how the burden should be shared between the two governments after the agreement";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 3);
    CHECK(doc.related_count == 0);
    ingest_doc_clear(&doc);
}

static void test_lists(void)
{
    static const char raw[] =
        "Example Herald\n\nAllies agree on three areas of cooperation\n\n"
        "Japan and the United States signed a new defense agreement on Tuesday after months of "
        "negotiations between their foreign and defense ministries. The agreement covers three "
        "areas:\n\n"
        "\xE2\x80\xA2 missile defense cooperation, including a new radar site;\n"
        "\xE2\x80\xA2 joint use of bases in Okinawa and on the main islands;\n"
        "\xE2\x80\xA2 shared surveillance of the sea lanes south of Japan.\n\n"
        "More from the region\n"
        "\xE2\x80\xA2 Typhoon hits southern islands\n"
        "\xE2\x80\xA2 Rail fares to rise in April\n"
        "\xE2\x80\xA2 Festival draws record crowds\n\n"
        "Officials said the details would be worked out by the end of the year, after a series "
        "of meetings between the two defense ministries in Tokyo and Washington.\n\n"
        "* Typhoon hits southern islands\n* Rail fares to rise in April\n"
        "* Festival draws record crowds\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 5);
    CHECK_STR(para(&doc, 1), "\xE2\x80\xA2 missile defense cooperation, including a new radar "
                             "site;");
    CHECK_STR(para(&doc, 3), "\xE2\x80\xA2 shared surveillance of the sea lanes south of "
                             "Japan.");
    CHECK(strstr(doc.clean, "Typhoon") == NULL && strstr(doc.clean, "More from") == NULL);
    CHECK(has_removed(&doc, "related-links", "Rail fares"));
    ingest_doc_clear(&doc);
}

static void test_content_table(void)
{
    static const char raw[] =
        "Troop numbers by prefecture\n\n" PROSE_A " The ministry gave these figures:\n\n"
        "Prefecture | Personnel\n---|---\nOkinawa |   25,800\nKanagawa | 11,100\n\n" PROSE_B "\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.versions == 0);
    CHECK(doc.paragraph_count == 3);
    CHECK_STR(para(&doc, 1), "Prefecture | Personnel\n---|---\nOkinawa | 25,800\nKanagawa | "
                             "11,100");
    CHECK(map_ok(raw, sizeof(raw) - 1, &doc));
    ingest_doc_clear(&doc);
}

static void test_wrapped_paragraphs(void)
{
    static const char raw[] =
        "Ministry of Examples\n\nPress Release\n\n"
        "On July 11 the Minister held a meeting with his counterpart at the\n"
        "ministry for about one hour. The outline of the meeting is as\n"
        "follows, as agreed by both sides at the end of the meeting.\n\n"
        "1. The two Ministers confirmed that the revision of the guidelines\n"
        "will proceed in a manner consistent with the decision of the\n"
        "cabinet, and that the work will be completed by the end of the year.\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 2);
    CHECK(strncmp(para(&doc, 0),
                  "On July 11 the Minister held a meeting with his counterpart "
                  "at the ministry for",
                  79) == 0);
    CHECK(strncmp(para(&doc, 1), "1. The two Ministers", 20) == 0);
    ingest_doc_clear(&doc);
}

/* ---- metadata ---- */

static void test_dates(void)
{
    static const struct {
        const char *line, *date;
        enum ingest_precision precision;
    } cases[] = {
        {"15:43, February 04, 2010", "2010-02-04", INGEST_PREC_DAY},
        {"Published: March 17, 2021 at 3:05 p.m. ET", "2021-03-17", INGEST_PREC_DAY},
        {"Updated 2013-10-03T09:12:00Z", "2013-10-03", INGEST_PREC_DAY},
        {"Oct. 3, 2013", "2013-10-03", INGEST_PREC_DAY},
        {"17/03/2021", "2021-03-17", INGEST_PREC_DAY},       /* day first */
        {"05/04/2021 09:00", "2021-04-05", INGEST_PREC_DAY}, /* ambiguous: day first */
        {"03/17/2021", "2021-03-17", INGEST_PREC_DAY},       /* only month first fits */
        {"Wednesday 11 January 2023 19:48 EST", "2023-01-11", INGEST_PREC_DAY},
        {"2022.12.23 07:15 JST", "2022-12-23", INGEST_PREC_DAY},
        {"APRIL 19, 2019 / 6:12 PM / 5 YEARS AGO", "2019-04-19", INGEST_PREC_DAY},
        {"Posted on 12 May 2016 by Jane Doe", "2016-05-12", INGEST_PREC_DAY},
        {"Example Monthly \xE2\x80\x94 June 2014", "2014-06", INGEST_PREC_MONTH},
        {"Vol. 3, No. 1 \xC2\xB7 2019", "2019", INGEST_PREC_YEAR},
        {"31/02/2021", NULL, INGEST_PREC_UNKNOWN},            /* no such day */
        {"Home > Archive > 2014", NULL, INGEST_PREC_UNKNOWN}, /* a section, not a date */
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char raw[2048];
        struct ingest_doc doc;
        snprintf(raw, sizeof(raw),
                 "Example Times\n\nAllies agree to widen defense cooperation\n\n%s\n\n%s On "
                 "Oct. 5, 2012, and again in 1996, the two sides met.\n\n%s\n\n"
                 "\xC2\xA9 2020 Example Times. All rights reserved.\n",
                 cases[i].line, PROSE_A, PROSE_B);
        CHECK(doc_of(raw, &doc) == 0);
        CHECK_STR(doc.meta.published.value, cases[i].date);
        CHECK(doc.meta.published_precision == cases[i].precision);
        if (cases[i].precision == INGEST_PREC_YEAR) /* an issue line is a time stamp */
            CHECK(has_removed(&doc, "timestamp", "Vol. 3"));
        CHECK(provenance_ok(raw, &doc.meta.title));
        CHECK(doc.paragraph_count == 2);
        ingest_doc_clear(&doc);
    }
}

static void test_date_preferences(void)
{
    struct ingest_doc doc;

    /* "Published" wins over an earlier "Updated" line */
    CHECK(doc_of("Allies agree to widen defense cooperation\nUpdated: March 18, 2021\n"
                 "Published: March 17, 2021\n\n" PROSE_A "\n\n" PROSE_B "\n",
                 &doc) == 0);
    CHECK_STR(doc.meta.published.value, "2021-03-17");
    ingest_doc_clear(&doc);
    /* only a URL path: day precision */
    CHECK(doc_of("https://news.example/2013/10/04/world/allies.html\n\nAllies agree to widen "
                 "defense cooperation\n\n" PROSE_A "\n\n" PROSE_B "\n",
                 &doc) == 0);
    CHECK_STR(doc.meta.published.value, "2013-10-04");
    CHECK(doc.meta.published_precision == INGEST_PREC_DAY);
    CHECK_STR(doc.meta.url.value, "https://news.example/2013/10/04/world/allies.html");
    ingest_doc_clear(&doc);
    /* dates only in the body: none */
    CHECK(doc_of("Allies agree to widen defense cooperation\n\nOn March 3, 2014, " PROSE_A
                 "\n\n" PROSE_B "\n",
                 &doc) == 0);
    CHECK_STR(doc.meta.published.value, NULL);
    CHECK(doc.meta.published_precision == INGEST_PREC_UNKNOWN);
    ingest_doc_clear(&doc);
}

static void test_datelines(void)
{
    static const struct {
        const char *lead, *place;
    } cases[] = {
        {"TOKYO \xE2\x80\x94 ", "TOKYO"},
        {"WASHINGTON (Reuters) - ", "WASHINGTON"},
        {"Tokyo, March 16 (Kyodo) -- ", "Tokyo"},
        {"NEW YORK \xE2\x80\x94 ", "NEW YORK"},
        {"WASHINGTON, Oct. 3 \xE2\x80\x94 ", "WASHINGTON"},
        {"NAGO, Japan \xE2\x80\x94 ", "NAGO, Japan"},
        {"U.S. officials said on Friday \xE2\x80\x94 ", NULL},
        {"Tokyo \xE2\x80\x94 ", NULL}, /* mixed case without an agency: not a dateline shape */
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char raw[2048];
        struct ingest_doc doc;
        snprintf(raw, sizeof(raw), "Allies agree to widen defense cooperation\n\n%s%s\n\n%s\n",
                 cases[i].lead, PROSE_A, PROSE_B);
        CHECK(doc_of(raw, &doc) == 0);
        CHECK_STR(doc.meta.dateline.value, cases[i].place);
        CHECK(provenance_ok(raw, &doc.meta.dateline));
        CHECK(strncmp(doc.clean, cases[i].lead, strlen(cases[i].lead) - 1) == 0); /* kept */
        ingest_doc_clear(&doc);
    }
}

static void test_bylines_and_sources(void)
{
    static const struct {
        const char *head, *tail, *byline, *source;
    } cases[] = {
        {"By Emily Hartman and Takeshi Mori", "", "Emily Hartman and Takeshi Mori", NULL},
        {"By Hiroshi Fujita, Tokyo correspondent", "", "Hiroshi Fujita", NULL},
        {"Rachel Kim | Staff Writer", "", "Rachel Kim", NULL},
        {"BY MARTIN FACKLER", "", "MARTIN FACKLER", NULL},
        {"By Kurt M. Campbell", "", "Kurt M. Campbell", NULL},
        {"", "Reporting by Ann Lee and Bo Kim; Editing by Cy Park", "Ann Lee and Bo Kim", NULL},
        {"By Example Daily Online and contributed by Li Wei, resident reporter", "", "Li Wei",
         "Example Daily Online"},
        {"Allies agree to widen defense cooperation | The Example Post", "", NULL,
         "The Example Post"},
        {"", "Source: Eastern Example Online / Written by Zhang Min", "Zhang Min",
         "Eastern Example Online"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char raw[2048];
        struct ingest_doc doc;
        snprintf(raw, sizeof(raw),
                 "%s\nAllies agree to widen defense cooperation\n\n%s\n\n%s\n\n%s\n", cases[i].head,
                 PROSE_A, PROSE_B, cases[i].tail);
        CHECK(doc_of(raw, &doc) == 0);
        CHECK_STR(doc.meta.byline.value, cases[i].byline);
        CHECK_STR(doc.meta.source.value, cases[i].source);
        CHECK_STR(doc.meta.title.value, "Allies agree to widen defense cooperation");
        CHECK(provenance_ok(raw, &doc.meta.byline) && provenance_ok(raw, &doc.meta.source));
        CHECK(doc.paragraph_count == 2);
        ingest_doc_clear(&doc);
    }
}

/* ---- page shapes the classifier was not tuned on ---- */

static void test_blog_page(void)
{
    static const char raw[] =
        "Pacific Notes\nHome | About | Archive | Contact\n\n"
        "Why the Quad matters for Tokyo\n\n"
        "Posted on 12 May 2016 by Jane Doe\n\n"
        "Japan has spent the past decade quietly building a web of security ties with India and "
        "Australia, and officials in Tokyo now describe those links as a second pillar next to "
        "the alliance with Washington.\n\n"
        "The shift began in earnest after 2012, when the government started to treat maritime "
        "security in the Indian Ocean as part of its own defense planning.\n\n"
        "Critics say the arrangement remains loose. There is no treaty, no joint command and no "
        "promise of mutual defense, and each member still weighs its ties with China "
        "differently.\n\n"
        "Share this:\nTwitter\nFacebook\n\nLike this:\nLoading...\n\nRelated\n\n"
        "3 thoughts on \"Why the Quad matters for Tokyo\"\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 3);
    CHECK(strncmp(para(&doc, 2), "Critics say", 11) == 0);
    CHECK(strstr(doc.clean, "Loading") == NULL && strstr(doc.clean, "thoughts") == NULL);
    CHECK_STR(doc.meta.title.value, "Why the Quad matters for Tokyo");
    CHECK_STR(doc.meta.source.value, "Pacific Notes");
    CHECK_STR(doc.meta.published.value, "2016-05-12");
    CHECK_STR(doc.meta.byline.value, "Jane Doe");
    CHECK_STR(doc.meta.language.value, "en");
    ingest_doc_clear(&doc);
}

/* Short subheadings between paragraphs belong to the story. */
static void test_subheadings(void)
{
    static const char raw[] =
        "The long road to Henoko\n\n"
        "The plan to move the base has outlived five prime ministers, and each of them promised "
        "that the new runway would be finished within a few years of taking office.\n\n"
        "Origins\n\n"
        "It began with an agreement in 1996, after a crime by American servicemen set off "
        "protests across Okinawa and forced both governments to look again at the bases.\n\n"
        "The politics\n\n"
        "Every governor since then has had to decide whether to accept the plan, fight it in "
        "court or try to delay it until the central government gives up.\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 5);
    CHECK_STR(para(&doc, 1), "Origins");
    CHECK_STR(doc.meta.title.value, "The long road to Henoko");
    ingest_doc_clear(&doc);
}

/* A sentence in another language inside an English page is content too. */
static void test_foreign_paragraph(void)
{
    static const char raw[] =
        "Notes on the relocation debate\n\n"
        "For two decades the plan to move a Marine air station within Okinawa has divided the "
        "prefecture.\n\n"
        "Local leaders ask for the base to leave the island altogether, while Tokyo and "
        "Washington keep to the coastal site.\n\n"
        "Ein Absatz auf Deutsch mit Umlauten: \xC3\x9C"
        "berg\xC3\xA4nge, Gr\xC3\xB6\xC3\x9F"
        "e "
        "und Ma\xC3\x9F pr\xC3\xBC"
        "fen die Ausgabe.\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 3);
    CHECK(strstr(doc.clean, "Gr\xC3\xB6\xC3\x9F"
                            "e") != NULL);
    CHECK_STR(doc.meta.language.value, "en");
    ingest_doc_clear(&doc);
}

/* A page in another language keeps its body (no stop words to go by) and has no language. */
static void test_other_language(void)
{
    static const char raw[] =
        "Le Japon et les \xC3\x89tats-Unis renforcent leur alliance\n\n"
        "TOKYO \xE2\x80\x94 Les ministres des Affaires \xC3\xA9trang\xC3\xA8res et de la "
        "D\xC3\xA9"
        "fense des deux pays se sont r\xC3\xA9unis jeudi \xC3\xA0 Tokyo pour "
        "\xC3\xA9largir leur coop\xC3\xA9ration militaire.\n\n"
        "Selon le communiqu\xC3\xA9 commun, Washington d\xC3\xA9ploiera de nouveaux drones de "
        "surveillance au Japon d\xC3\xA8s l'an prochain.\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 2);
    CHECK_STR(doc.meta.language.value, NULL);
    CHECK_STR(doc.meta.dateline.value, "TOKYO");
    ingest_doc_clear(&doc);
}

/* A brief: no paragraph is long; a standfirst under the headline; a caption; comments. */
static void test_brief_page(void)
{
    static const char raw[] =
        "World News Example\nHome  World  Business  Tech\n\n"
        "Japan and US hold security talks\n\n"
        "Ministers agree to expand missile defense cooperation and review basing costs\n\n"
        "TOKYO (AP) \xE2\x80\x94 Japanese and U.S. officials met in Tokyo on Tuesday for security "
        "talks.\n\n"
        "The talks lasted two hours, officials said.\n\n"
        "Click to enlarge\nA chart of the two countries' defense spending.\n\n"
        "They agreed to meet again in the spring.\n\n"
        "Get the best of World News Example in your inbox every morning. Sign up now.\n\n"
        "Comments\nJohn Smith 3 hours ago\n"
        "I think the alliance matters a great deal for peace in the region and both countries "
        "should keep working on it.\nReply\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 3);
    CHECK(strncmp(para(&doc, 2), "They agreed", 11) == 0);
    CHECK(strstr(doc.clean, "alliance matters") == NULL); /* a reader's comment */
    CHECK(strstr(doc.clean, "chart") == NULL && strstr(doc.clean, "inbox") == NULL);
    CHECK_STR(doc.meta.title.value, "Japan and US hold security talks");
    CHECK_STR(doc.meta.source.value, "World News Example");
    CHECK_STR(doc.meta.dateline.value, "TOKYO");
    ingest_doc_clear(&doc);
}

/* A "Related stories" box after the story, its items full sentences. */
static void test_related_box(void)
{
    static const char raw[] =
        "Example Courier\n\nDefense ministers meet in Singapore\n\n"
        "SINGAPORE \xE2\x80\x94 The defense ministers of Japan and the United States met on the "
        "sidelines of a regional security forum on Saturday and agreed to step up joint "
        "exercises in the East China Sea.\n\n"
        "They also discussed the relocation of a Marine air station on Okinawa, which has been "
        "delayed for years by local opposition and court challenges.\n\n"
        "Related stories\n\n"
        "Japan's cabinet approved a record defense budget on Friday, with new money for "
        "missiles and ships.\n\n"
        "The U.S. Navy said a destroyer sailed through the Taiwan Strait on Tuesday.\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.paragraph_count == 2);
    CHECK(has_removed(&doc, "related-links", "destroyer"));
    ingest_doc_clear(&doc);
}

/* A version-table row whose text holds " | ", and rows with one cell or none. */
static void test_version_table_pipes(void)
{
    static const char raw[] =
        "This article is from the source 'examplepost' and was first published or seen on "
        "Jan. 9, 2014, 10:00 a.m.. It is still being checked.\n"
        "Version 1 | Version 2 |\n---|---|\n"
        "Talks End | Talks End Without Deal |\n"
        "The figures were 1,870 | 1,920 billion yen, one participant said. | The figures were "
        "1,870 | 1,920 billion yen, one participant said. |\n"
        "Only the left cell. |\n| |\n";
    struct ingest_doc doc;

    CHECK(doc_of(raw, &doc) == 0);
    CHECK(doc.versions == 2);
    CHECK(doc.paragraph_count == 2);
    CHECK_STR(para(&doc, 0), "The figures were 1,870 | 1,920 billion yen, one participant said.");
    CHECK_STR(para(&doc, 1), "Only the left cell.");
    CHECK_STR(doc.meta.published.value, "2014-01-09");
    ingest_doc_clear(&doc);
}

/* ---- invariants on random input ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_random_pages(void)
{
    static const char *const pieces[] = {"the ",
                                         "Japan ",
                                         "said ",
                                         "U.S. ",
                                         "Mr. ",
                                         ". ",
                                         ", ",
                                         "\n",
                                         "\n\n",
                                         "\r\n",
                                         " | ",
                                         "|",
                                         "---|---|\n",
                                         "Version 2 | Version 3 |\n",
                                         "(about 1 hour later) | |\n",
                                         "By ",
                                         "\xE2\x80\x94 ",
                                         "\xE2\x80\x9C",
                                         "\xC2\xA0",
                                         "\xFF",
                                         "\xE6\x97",
                                         "\xC3",
                                         "\t",
                                         "2013 ",
                                         "Oct. 3, 2013\n",
                                         "\xE2\x80\xA2 ",
                                         "* ",
                                         "1. ",
                                         "Related:\n",
                                         "\xC2\xA9 ",
                                         "http://x.y/",
                                         "TOKYO \xE2\x80\x94 ",
                                         "\0",
                                         "...",
                                         "\xE2\x80\xA6",
                                         "\"",
                                         "'",
                                         "(",
                                         ")",
                                         PROSE_A,
                                         " "};
    char *buf = malloc(8192);

    for (int iter = 0; buf && iter < 400; iter++) {
        size_t len = 0, target = (size_t)(rng() % 6000);
        struct ingest_doc doc;
        while (len < target) {
            const char *p = pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = *p ? strlen(p) : 1;
            if (len + k > 8000)
                break;
            memcpy(buf + len, p, k);
            len += k;
        }
        if (ingest_clean(buf, len, &doc) != 0) {
            CHECK(!"ingest_clean failed on random input");
            continue;
        }
        CHECK(strlen(doc.clean) == doc.clean_len);
        CHECK(ingest_utf8_valid(doc.clean, doc.clean_len, NULL));
        CHECK(map_ok(buf, len, &doc));
        for (size_t i = 0; i <= doc.clean_len; i++)
            if (doc.clean_to_raw[i] > len) {
                CHECK(!"a clean offset maps past the raw text");
                break;
            }
        for (size_t i = 0; i < doc.paragraph_count; i++) {
            const struct ingest_range *r = &doc.paragraphs[i].clean;
            CHECK(r->start < r->end && r->end <= doc.clean_len);
            CHECK(i == 0 || r->start >= doc.paragraphs[i - 1].clean.end + 2);
        }
        for (size_t i = 0; i < doc.sentence_count; i++) {
            const struct ingest_sentence *s = &doc.sentences[i];
            CHECK(s->paragraph < doc.paragraph_count);
            if (s->paragraph < doc.paragraph_count)
                CHECK(s->clean.start >= doc.paragraphs[s->paragraph].clean.start &&
                      s->clean.end <= doc.paragraphs[s->paragraph].clean.end);
        }
        for (size_t i = 0; i < doc.removed_count; i++) {
            CHECK(doc.removed[i].raw.start <= doc.removed[i].raw.end &&
                  doc.removed[i].raw.end <= len);
            CHECK(doc.removed[i].reason && doc.removed[i].text);
            CHECK(i == 0 || doc.removed[i - 1].raw.start <= doc.removed[i].raw.start);
        }
        for (size_t i = 0; i < doc.related_count; i++)
            CHECK(doc.related[i] != NULL);
        if (doc.meta.published.value)
            CHECK(doc.meta.published_precision != INGEST_PREC_UNKNOWN);
        ingest_doc_clear(&doc);
    }
    free(buf);
}

/* --large: a 50 MB page of ordinary paragraphs and chrome lines must clean in seconds. */
static void test_large_page(void)
{
    static const char unit[] =
        "Menu | Home | World\n\n" PROSE_A " " PROSE_B "\n\n" PROSE_C "\n\nAdvertisement\n\n";
    size_t target = (size_t)50 << 20, len = 0, k = sizeof(unit) - 1;
    char *buf = malloc(target + k);
    struct ingest_doc doc;
    struct timespec a, b;
    double secs;

    if (!buf) {
        CHECK(!"no memory for the large page");
        return;
    }
    while (len < target) {
        memcpy(buf + len, unit, k);
        len += k;
    }
    clock_gettime(CLOCK_MONOTONIC, &a);
    CHECK(ingest_clean(buf, len, &doc) == 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    fprintf(stderr, "large page: %zu MB in %.2f s, %zu paragraphs\n", len >> 20, secs,
            doc.paragraph_count);
    CHECK(secs < 30.0);
    CHECK(doc.paragraph_count > 100000);
    ingest_doc_clear(&doc);
    free(buf);
}

int main(int argc, char **argv)
{
    test_normalization();
    test_empty_and_chrome_only();
    test_collapse();
    test_sentences();
    test_doc_sentences();
    test_version_table();
    test_teasers();
    test_truncated_last_paragraph();
    test_lists();
    test_content_table();
    test_wrapped_paragraphs();
    test_dates();
    test_date_preferences();
    test_datelines();
    test_bylines_and_sources();
    test_blog_page();
    test_subheadings();
    test_other_language();
    test_foreign_paragraph();
    test_brief_page();
    test_related_box();
    test_version_table_pipes();
    test_random_pages();
    if (argc > 1 && strcmp(argv[1], "--large") == 0)
        test_large_page();
    return unit_done("clean");
}
