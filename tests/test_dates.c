/* tests/test_dates.c: unit cases for ingest/dates.c: absolute shapes, relative words resolved
 * against the document date in both tenses, year boundaries, what must stay unresolved, what
 * is not a date, and the tense of sentences. */
#include "ingest/dates.h"

#include <stdlib.h>
#include <string.h>

#include "tests/unit.h"

#define PAST INGEST_TENSE_PAST
#define FUTURE INGEST_TENSE_FUTURE
#define NOTENSE INGEST_TENSE_UNKNOWN

/* The expression whose words are exactly `words` in text, checked against value, precision
 * and kind (NULL: not checked). Reports a missing expression with the ones found. */
static void check_expr(int line, const char *text, const char *doc, enum ingest_tense tense,
                       const char *words, const char *value, enum ingest_precision prec,
                       const char *kind)
{
    struct ingest_date_expr *e = NULL;
    size_t n = 0, wl = strlen(words);
    int found = 0;

    unit_checks++;
    if (ingest_dates_find(text, strlen(text), doc, tense, &e, &n) != 0) {
        unit_failures++;
        fprintf(stderr, "test_dates.c:%d: out of memory\n", line);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (e[i].clean.end - e[i].clean.start != wl ||
            memcmp(text + e[i].clean.start, words, wl) != 0)
            continue;
        found = 1;
        if (strcmp(e[i].value, value) != 0 || e[i].precision != prec ||
            (kind && strcmp(e[i].kind, kind) != 0)) {
            unit_failures++;
            fprintf(stderr,
                    "test_dates.c:%d: \"%s\" (doc %s, tense %d): got %s/%d/%s, want %s/%d/%s\n",
                    line, words, doc ? doc : "-", (int)tense, e[i].value, (int)e[i].precision,
                    e[i].kind, value, (int)prec, kind ? kind : "*");
        }
    }
    if (!found) {
        unit_failures++;
        fprintf(stderr, "test_dates.c:%d: \"%s\" not found in \"%s\"; found:", line, words, text);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " [%.*s]", (int)(e[i].clean.end - e[i].clean.start),
                    text + e[i].clean.start);
        fprintf(stderr, "\n");
    }
    free(e);
}
#define EXPR(text, doc, tense, words, value, prec, kind)                                           \
    check_expr(__LINE__, text, doc, tense, words, value, prec, kind)
#define DAY INGEST_PREC_DAY
#define MONTH INGEST_PREC_MONTH
#define YEAR INGEST_PREC_YEAR
#define UNKNOWN INGEST_PREC_UNKNOWN

/* text holds no date expression at all. */
static void check_none(int line, const char *text)
{
    struct ingest_date_expr *e = NULL;
    size_t n = 0;

    unit_checks++;
    if (ingest_dates_find(text, strlen(text), "2010-02-04", NOTENSE, &e, &n) != 0 || n != 0) {
        unit_failures++;
        fprintf(stderr, "test_dates.c:%d: want no date in \"%s\", found:", line, text);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " [%.*s]", (int)(e[i].clean.end - e[i].clean.start),
                    text + e[i].clean.start);
        fprintf(stderr, "\n");
    }
    free(e);
}
#define NONE(text) check_none(__LINE__, text)

static void test_absolute(void)
{
    const char *doc = "2013-10-04";
    EXPR("signed on Oct. 3, 2013 in Tokyo", doc, PAST, "Oct. 3, 2013", "2013-10-03", DAY,
         "absolute");
    EXPR("on October 3, 2013,", doc, PAST, "October 3, 2013", "2013-10-03", DAY, "absolute");
    EXPR("on 3 October 2013", doc, PAST, "3 October 2013", "2013-10-03", DAY, "absolute");
    EXPR("the 3rd of October, 2013", doc, PAST, "3rd of October, 2013", "2013-10-03", DAY, NULL);
    EXPR("October 3rd 2013", doc, PAST, "October 3rd 2013", "2013-10-03", DAY, NULL);
    EXPR("dated 2013-10-03.", doc, PAST, "2013-10-03", "2013-10-03", DAY, "absolute");
    EXPR("dated 2013/10/03.", doc, PAST, "2013/10/03", "2013-10-03", DAY, "absolute");
    EXPR("on Thursday, Oct. 3, 2013, the", doc, PAST, "Thursday, Oct. 3, 2013", "2013-10-03", DAY,
         "absolute");
    EXPR("15:43, February 04, 2010", doc, PAST, "February 04, 2010", "2010-02-04", DAY, NULL);
    EXPR("Sept. 11, 2001", doc, PAST, "Sept. 11, 2001", "2001-09-11", DAY, NULL);
    EXPR("OCTOBER 3, 2013", doc, PAST, "OCTOBER 3, 2013", "2013-10-03", DAY, NULL);
    EXPR("In September 1997, the U.S.", doc, PAST, "September 1997", "1997-09", MONTH, "month");
    EXPR("in October of 2013", doc, PAST, "October of 2013", "2013-10", MONTH, "month");
    EXPR("in Oct. 2013", doc, PAST, "Oct. 2013", "2013-10", MONTH, "month");
    EXPR("the talks began in 1990.", doc, PAST, "1990", "1990", YEAR, "year");
    EXPR("signed in 1996, would", doc, PAST, "1996", "1996", YEAR, "year");
    EXPR("the 1996 Joint Declaration", doc, PAST, "1996", "1996", YEAR, "year");
    EXPR("since 1996 at least", doc, PAST, "1996", "1996", YEAR, "year");
    /* Japanese style, in Western digits; an era year is not read. */
    EXPR("on 2023年1月11日 for the", doc, PAST, "2023年1月11日", "2023-01-11", DAY, "absolute");
    EXPR("(2023年1月13日)", doc, PAST, "2023年1月13日", "2023-01-13", DAY, "absolute");
    EXPR("in 2023年1月 the", doc, PAST, "2023年1月", "2023-01", MONTH, "month");
    NONE("令和5年1月11日");
    /* A year naming an event, or the year a plan was for; not a count. */
    EXPR("The 2015 session adopted", doc, PAST, "2015", "2015", YEAR, "year");
    EXPR("a session pencilled in for 2001 was dropped", doc, PAST, "2001", "2001", YEAR, "year");
    NONE("the 2000 troops were sent");
    NONE("paid for 2000 tickets");
    /* Ranges of days are not one day. */
    EXPR("on Oct. 3-4, 2013 in Tokyo", doc, PAST, "Oct. 3-4, 2013", "2013-10", MONTH, NULL);
    /* Leap days. */
    EXPR("on Feb. 29, 2012", doc, PAST, "Feb. 29, 2012", "2012-02-29", DAY, NULL);
    NONE("on Feb. 30, 2012 nothing");
    NONE("on Feb. 29, 2013 nothing happened");
}

static void test_not_dates(void)
{
    NONE("The 1990s were quiet.");
    NONE("It sent 2000 troops there.");
    NONE("about 9,000 Marines, 5,000 of them");
    NONE("a loan of US$5 billion");
    NONE("formerly known as F566, it");
    NONE("Version 2 | Version 3 |");
    NONE("May I ask? Japan may also change its view.");
    NONE("Prime Minister Theresa May said nothing.");
    NONE("At 10:30 the talks resumed after 3.5 hours.");
    NONE("Black Friday sales rose.");
    NONE("a march on the capital; the Middle East");
    NONE("the 2012-13 fiscal plan");
    NONE("he will spring a surprise");
}

static void test_month_day_no_year(void)
{
    /* The document's year ... */
    EXPR("held consultations on February 2, in a bid", "2010-02-04", PAST, "February 2",
         "2010-02-02", DAY, "absolute");
    /* ... moved back when a past event would fall after the document date ... */
    EXPR("They met on Dec. 28 in Tokyo.", "2010-01-03", PAST, "Dec. 28", "2009-12-28", DAY, NULL);
    EXPR("They met on Jan. 5 in Tokyo.", "2009-12-30", PAST, "Jan. 5", "2009-01-05", DAY, NULL);
    /* ... and forward when a future one would fall before it. */
    EXPR("They will meet on Jan. 5 in Tokyo.", "2009-12-30", FUTURE, "Jan. 5", "2010-01-05", DAY,
         NULL);
    EXPR("They will meet on Dec. 28.", "2010-01-03", FUTURE, "Dec. 28", "2010-12-28", DAY, NULL);
    /* Without a tense the nearer year wins. */
    EXPR("The city on Oct. 14 a bridge", "2010-02-04", NOTENSE, "Oct. 14", "2009-10-14", DAY, NULL);
    EXPR("The city on March 1 a bridge", "2010-02-04", NOTENSE, "March 1", "2010-03-01", DAY, NULL);
    /* Same day in both tenses. */
    EXPR("on Feb. 4 they", "2010-02-04", PAST, "Feb. 4", "2010-02-04", DAY, NULL);
    EXPR("on Feb. 4 they", "2010-02-04", FUTURE, "Feb. 4", "2010-02-04", DAY, NULL);
    /* A document date known to the month only. */
    EXPR("They met on Jan. 5 in Tokyo.", "2009-12", PAST, "Jan. 5", "2009-01-05", DAY, NULL);
    EXPR("They met on Dec. 5 in Tokyo.", "2009-12", PAST, "Dec. 5", "2009-12-05", DAY, NULL);
    /* No document date: the words stay, unresolved. */
    EXPR("They met on Jan. 5 in Tokyo.", NULL, PAST, "Jan. 5", "", UNKNOWN, NULL);
    /* Feb. 29 in a year that has none. */
    EXPR("They met on Feb. 29.", "2009-03-01", PAST, "Feb. 29", "", UNKNOWN, NULL);
    /* Day first. */
    EXPR("They met on 14 October.", "2010-02-04", PAST, "14 October", "2009-10-14", DAY, NULL);
    /* A timeline entry headed by its year: the month and day are of that year. */
    EXPR("- 1998: Ottawa, Sept. 9. Talks ran late.", "2021-05-02", PAST, "Sept. 9", "1998-09-09",
         DAY, "absolute");
    EXPR("* 2004: Canberra, in March, with", "2021-05-02", PAST, "March", "2004-03", MONTH,
         "month");
    EXPR("2016: Seoul on 3 June", "2021-05-02", NOTENSE, "3 June", "2016-06-03", DAY, NULL);
    /* A year elsewhere, or not closed by a colon, heads nothing. */
    EXPR("In 1998: Ottawa, Sept. 9.", "2021-05-02", PAST, "Sept. 9", "2020-09-09", DAY, NULL);
    EXPR("- 1998 Ottawa, Sept. 9.", "2021-05-02", PAST, "Sept. 9", "2020-09-09", DAY, NULL);
    EXPR("- 1998: Ottawa.\nThey met on Sept. 9.", "2021-05-02", PAST, "Sept. 9", "2020-09-09",
         DAY, NULL);
}

static void test_relative_days(void)
{
    EXPR("in meetings yesterday, officials", "2005-02-20", PAST, "yesterday", "2005-02-19", DAY,
         "relative-day");
    EXPR("Yesterday they met.", "2005-03-01", PAST, "Yesterday", "2005-02-28", DAY, NULL);
    EXPR("Yesterday they met.", "2004-03-01", PAST, "Yesterday", "2004-02-29", DAY, NULL);
    EXPR("they meet today", "2005-02-20", NOTENSE, "today", "2005-02-20", DAY, NULL);
    EXPR("they meet tomorrow", "2005-12-31", FUTURE, "tomorrow", "2006-01-01", DAY, NULL);
    EXPR("talks tonight", "2005-12-31", FUTURE, "tonight", "2005-12-31", DAY, NULL);
    EXPR("he said last night", "2006-01-01", PAST, "last night", "2005-12-31", DAY, NULL);
    EXPR("he said this morning", "2006-01-01", PAST, "this morning", "2006-01-01", DAY, NULL);
    EXPR("the day before yesterday", "2006-01-01", PAST, "the day before yesterday", "2005-12-30",
         DAY, NULL);
    EXPR("the day after tomorrow", "2005-12-31", FUTURE, "the day after tomorrow", "2006-01-02",
         DAY, NULL);
    EXPR("two days ago", "2006-01-01", PAST, "two days ago", "2005-12-30", DAY, "relative-day");
    EXPR("3 days ago", "2006-01-01", PAST, "3 days ago", "2005-12-29", DAY, NULL);
    /* Unresolvable: no document day, or a day set by the narrative. */
    EXPR("in meetings yesterday", NULL, PAST, "yesterday", "", UNKNOWN, "relative-day");
    EXPR("in meetings yesterday", "2005-02", PAST, "yesterday", "", UNKNOWN, NULL);
    EXPR("and met again the next day.", "2005-02-20", PAST, "the next day", "", UNKNOWN,
         "relative-day");
}

static void test_weekdays(void)
{
    const char *fri = "2005-02-18"; /* a Friday */

    EXPR("Rumsfeld said on Thursday", fri, PAST, "Thursday", "2005-02-17", DAY, "weekday");
    EXPR("they will meet on Thursday", fri, FUTURE, "Thursday", "2005-02-24", DAY, "weekday");
    EXPR("Saturday's meeting", fri, FUTURE, "Saturday", "2005-02-19", DAY, "weekday");
    EXPR("Saturday's meeting", fri, PAST, "Saturday", "2005-02-12", DAY, "weekday");
    /* No tense: only the document's own weekday is certain. */
    EXPR("Saturday's meeting", fri, NOTENSE, "Saturday", "", UNKNOWN, "weekday");
    EXPR("Earlier Friday in a talk", fri, NOTENSE, "Friday", "2005-02-18", DAY, NULL);
    EXPR("officials said Friday", fri, PAST, "Friday", "2005-02-18", DAY, NULL);
    EXPR("officials said Friday", fri, FUTURE, "Friday", "2005-02-18", DAY, NULL);
    EXPR("officials said Friday", "2005-02-20", PAST, "Friday", "2005-02-18", DAY, NULL);
    EXPR("met last Friday", fri, PAST, "last Friday", "2005-02-11", DAY, NULL);
    EXPR("met last Tuesday", fri, PAST, "last Tuesday", "2005-02-15", DAY, NULL);
    EXPR("meets next Monday", fri, FUTURE, "next Monday", "2005-02-21", DAY, NULL);
    EXPR("meets this Saturday", fri, FUTURE, "this Saturday", "2005-02-19", DAY, NULL);
    EXPR("met this Monday", fri, PAST, "this Monday", "2005-02-14", DAY, NULL);
    EXPR("meets this coming Friday", fri, FUTURE, "this coming Friday", "2005-02-25", DAY, NULL);
    /* Across a year boundary, both ways. */
    EXPR("they met on Monday", "2014-01-01", PAST, "Monday", "2013-12-30", DAY, NULL);
    EXPR("they will meet on Friday", "2013-12-30", FUTURE, "Friday", "2014-01-03", DAY, NULL);
    EXPR("they met on Thursday", "2013-10-03", PAST, "Thursday", "2013-10-03", DAY, NULL);
    EXPR("they met on Thursday", "2013-10-04", PAST, "Thursday", "2013-10-03", DAY, NULL);
    /* No document day. */
    EXPR("they met on Thursday", "2013-10", PAST, "Thursday", "", UNKNOWN, NULL);
    EXPR("they met on Thursday", NULL, PAST, "Thursday", "", UNKNOWN, NULL);
}

static void test_relative_spans(void)
{
    /* A week is never a false day: its month when it lies inside one, else unknown. */
    EXPR("met last week", "2005-02-18", PAST, "last week", "2005-02", MONTH, "relative-week");
    EXPR("met last week", "2013-10-03", PAST, "last week", "2013-09", MONTH, NULL);
    EXPR("met last week", "2013-10-08", PAST, "last week", "", UNKNOWN, "relative-week");
    EXPR("meets next week", "2005-02-18", FUTURE, "next week", "2005-02", MONTH, NULL);
    EXPR("meets next week", "2005-12-21", FUTURE, "next week", "", UNKNOWN, NULL);
    EXPR("meets next week", "2005-12-28", FUTURE, "next week", "2006-01", MONTH, NULL);
    EXPR("met earlier this week", "2005-03-02", PAST, "earlier this week", "", UNKNOWN, NULL);
    EXPR("met earlier this week", "2005-03-11", PAST, "earlier this week", "2005-03", MONTH, NULL);
    EXPR("met last month", "2005-01-10", PAST, "last month", "2004-12", MONTH, "relative-month");
    EXPR("meets next month", "2005-12-20", FUTURE, "next month", "2006-01", MONTH, NULL);
    EXPR("met earlier this month", "2005-02-18", PAST, "earlier this month", "2005-02", MONTH,
         NULL);
    EXPR("met three months ago", "2005-02-18", PAST, "three months ago", "2004-11", MONTH, NULL);
    EXPR("Last year, China", "2005-02-20", PAST, "Last year", "2004", YEAR, "relative-year");
    EXPR("meets next year", "2005-02-20", FUTURE, "next year", "2006", YEAR, NULL);
    EXPR("met earlier this year", "2005-02-20", PAST, "earlier this year", "2005", YEAR, NULL);
    EXPR("a year ago", "2005-02-20", PAST, "a year ago", "2004", YEAR, NULL);
    EXPR("met last month", NULL, PAST, "last month", "", UNKNOWN, NULL);
    EXPR("met last year", "2005", PAST, "last year", "2004", YEAR, NULL);
    /* Months named without a year. */
    EXPR("adopted last December, says", "2005-02-20", PAST, "last December", "2004-12", MONTH,
         "month");
    EXPR("adopted last December, says", "2005-12-20", PAST, "last December", "2004-12", MONTH,
         NULL);
    EXPR("due next January", "2005-02-20", FUTURE, "next January", "2006-01", MONTH, NULL);
    EXPR("due next March", "2005-02-20", FUTURE, "next March", "2005-03", MONTH, NULL);
    EXPR("They met in December.", "2005-02-20", PAST, "December", "2004-12", MONTH, "month");
    EXPR("They will meet in January.", "2005-11-20", FUTURE, "January", "2006-01", MONTH, NULL);
    EXPR("They meet in May.", "2010-02-04", NOTENSE, "May", "2010-05", MONTH, NULL);
    EXPR("They met in November.", "2010-02-04", NOTENSE, "November", "2009-11", MONTH, NULL);
    EXPR("by the end of May, whereas", "2010-02-04", FUTURE, "the end of May", "2010-05", MONTH,
         "month");
    EXPR("re-visit Japan in mid November this year.", "2010-02-04", FUTURE,
         "mid November this year", "2010-11", MONTH, "month");
    EXPR("re-visit Japan in mid-November.", "2010-02-04", FUTURE, "mid-November", "2010-11", MONTH,
         "month");
    EXPR("in December of last year", "2010-02-04", PAST, "December of last year", "2009-12", MONTH,
         "month");
    EXPR("late last month", "2010-02-04", PAST, "late last month", "2010-01", MONTH,
         "relative-month");
    NONE("At the March National People's Congress");
    /* "last <month>'s <noun>": the month before the document date, in either tense, also
     * abbreviated; the possessive stays out of the words */
    EXPR("at last October's round in Tokyo", "2024-08-10", PAST, "last October", "2023-10",
         MONTH, "month");
    EXPR("at last July's round", "2024-08-10", PAST, "last July", "2024-07", MONTH, NULL);
    EXPR("builds on last August's session", "2024-08-10", FUTURE, "last August", "2023-08", MONTH,
         NULL);
    EXPR("at last Sept.'s meeting", "2024-03-01", PAST, "last Sept.", "2023-09", MONTH, "month");
    EXPR("since last Nov. talks", "2024-03-01", PAST, "last Nov.", "2023-11", MONTH, NULL);
    EXPR("before next Feb.'s session", "2024-03-01", FUTURE, "next Feb.", "2025-02", MONTH, NULL);
    /* an abbreviation alone is not a bare month */
    NONE("Mar. Jones and Dec. Smith wrote the report.");
}

static void test_seasons(void)
{
    EXPR("would be held in the first half of this year, 2010, to", "2010-02-04", FUTURE,
         "the first half of this year, 2010", "2010", YEAR, "season");
    EXPR("would be held in the first half of this year, to", "2010-02-04", FUTURE,
         "the first half of this year", "2010", YEAR, "season");
    EXPR("in the second half of 2009", "2010-02-04", PAST, "the second half of 2009", "2009", YEAR,
         "season");
    EXPR("in early 2010", "2010-02-04", FUTURE, "early 2010", "2010", YEAR, "season");
    EXPR("in the spring of 2010", "2010-02-04", FUTURE, "spring of 2010", "2010", YEAR, "season");
    EXPR("last spring", "2010-02-04", PAST, "last spring", "2009", YEAR, "season");
    EXPR("this year, 2010, is", "2010-02-04", NOTENSE, "this year, 2010", "2010", YEAR,
         "relative-year");
    EXPR("this year, 2010, is", NULL, NOTENSE, "this year, 2010", "2010", YEAR, "relative-year");
}

static void test_parts_and_fields(void)
{
    struct ingest_date_expr *e = NULL;
    size_t n = 0;
    const char *text = "in the first half of this year, 2010, and in mid November this year";

    CHECK(ingest_dates_find(text, strlen(text), "2010-02-04", FUTURE, &e, &n) == 0);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(e[0].part, "h1");
        CHECK(e[0].relative == 0);
        CHECK_STR(e[1].part, "mid");
        CHECK(e[1].relative == 1);
        CHECK(e[0].clean.start == 3);
    }
    free(e);
    /* An empty text, a text with no date. */
    CHECK(ingest_dates_find("", 0, NULL, NOTENSE, &e, &n) == 0 && n == 0);
    free(e);
    CHECK(ingest_dates_find("no date here", 12, "2010-02-04", PAST, &e, &n) == 0 && n == 0);
    free(e);
    /* Length bounds the search. */
    text = "on Oct. 3, 2013";
    CHECK(ingest_dates_find(text, 7, "2013-10-04", PAST, &e, &n) == 0 && n == 0);
    free(e);
    /* Expressions never cross a paragraph break. */
    text = "It was October\n\n2013 began.";
    CHECK(ingest_dates_find(text, strlen(text), "2013-10-04", PAST, &e, &n) == 0);
    for (size_t i = 0; i < n; i++)
        CHECK(strcmp(e[i].value, "2013-10") != 0);
    free(e);
    /* Several in order, non-overlapping. */
    text = "Met on Feb. 2; will meet Saturday and again in 2011.";
    CHECK(ingest_dates_find(text, strlen(text), "2010-02-04", FUTURE, &e, &n) == 0 && n == 3);
    for (size_t i = 1; i < n; i++)
        CHECK(e[i].clean.start >= e[i - 1].clean.end);
    free(e);
}

static void check_tense(int line, const char *s, enum ingest_tense want)
{
    enum ingest_tense got = ingest_tense_of(s, strlen(s));
    unit_checks++;
    if (got != want) {
        unit_failures++;
        fprintf(stderr, "test_dates.c:%d: tense of \"%s\": got %d, want %d\n", line, s, (int)got,
                (int)want);
    }
}
#define TENSE(s, want) check_tense(__LINE__, s, want)

static void test_tense(void)
{
    TENSE("Japan and the United States held their working-level security consultations on "
          "February 2.",
          PAST);
    TENSE("The meeting will be held in Tokyo.", FUTURE);
    TENSE("On Thursday, Rumsfeld said the US was concerned about the expansion.", PAST);
    TENSE("Ms. Rice said she and Defense Secretary Donald Rumsfeld look forward to discussing "
          "with Japanese Foreign Minister Nobutaka Machimura.",
          FUTURE);
    TENSE("It is normally a low-profile affair.", INGEST_TENSE_UNKNOWN);
    TENSE("Kerry is to visit Tokyo next week.", FUTURE);
    TENSE("The ministers met on Thursday and agreed to expand cooperation.", PAST);
    TENSE("President Obama is scheduled to re-visit Japan in mid November this year.", FUTURE);
    TENSE("The talks are expected to focus on Taiwan.", FUTURE);
    TENSE("The United States and Japan agreed on Thursday to broaden their alliance.", PAST);
    TENSE("They plan to meet again.", FUTURE);
    TENSE("The 2+2 would be held in the first half of this year.", FUTURE);
    TENSE("The meeting was cancelled last week.", PAST);
    TENSE("The ministers'll meet Saturday.", FUTURE);
    TENSE("", INGEST_TENSE_UNKNOWN);
}

int main(void)
{
    test_absolute();
    test_not_dates();
    test_month_day_no_year();
    test_relative_days();
    test_weekdays();
    test_relative_spans();
    test_seasons();
    test_parts_and_fields();
    test_tense();
    return unit_done("test_dates");
}
