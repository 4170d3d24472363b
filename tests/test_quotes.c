/* tests/test_quotes.c: unit cases for statement extraction (ingest/quotes.c): one or more per
 * sieve rule and per edge case of the quote marks. Each case is a short text with hand-built
 * mentions (the entity stage is not needed), so a failure points at the quote stage alone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/quotes.h"
#include "tests/unit.h"

/* A mention to build: the nth occurrence of `surface` names entity `id`. */
struct spec {
    const char *surface;
    int nth;
    const char *id, *name;
    enum ingest_entity_type type;
    char gender;
    const char *role;
};

#define PERSON(s, id, g)                                                                           \
    {                                                                                              \
        s, 0, id, id, INGEST_ENT_PERSON, g, NULL                                                   \
    }
#define PERSON_N(s, n, id, g)                                                                      \
    {                                                                                              \
        s, n, id, id, INGEST_ENT_PERSON, g, NULL                                                   \
    }
#define ORG(s, id)                                                                                 \
    {                                                                                              \
        s, 0, id, id, INGEST_ENT_ORGANIZATION, 0, NULL                                             \
    }
#define COUNTRY(s, id)                                                                             \
    {                                                                                              \
        s, 0, id, id, INGEST_ENT_COUNTRY, 0, NULL                                                  \
    }
#define AGREEMENT(s, id)                                                                           \
    {                                                                                              \
        s, 0, id, id, INGEST_ENT_AGREEMENT, 0, NULL                                                \
    }

struct run {
    char *text;
    struct ingest_paragraph *paras;
    size_t npara;
    struct ingest_mention *ments;
    size_t nment;
    struct ingest_statement_result res;
    int rc;
};

static int mention_cmp(const void *a, const void *b)
{
    const struct ingest_mention *x = a, *y = b;

    return (x->clean.start > y->clean.start) - (x->clean.start < y->clean.start);
}

/* Runs the extractor on text (paragraphs split at blank lines) with the mentions in specs. */
static void run(struct run *r, const char *text, const struct spec *specs, size_t nspec,
                const char *doc_date)
{
    size_t len = strlen(text), i = 0;

    memset(r, 0, sizeof *r);
    r->text = strdup(text);
    r->paras = calloc(64, sizeof *r->paras);
    r->ments = calloc(nspec + 1, sizeof *r->ments);
    if (!r->text || !r->paras || !r->ments)
        abort();
    while (i < len && r->npara < 64) {
        const char *br = strstr(text + i, "\n\n");
        size_t e = br ? (size_t)(br - text) : len;
        r->paras[r->npara].clean.start = i;
        r->paras[r->npara].clean.end = e;
        r->npara++;
        i = br ? e + 2 : len;
    }
    for (size_t k = 0; k < nspec; k++) {
        const char *p = text;
        for (int n = 0; p && n <= specs[k].nth; n++) {
            p = strstr(n ? p + 1 : p, specs[k].surface);
        }
        CHECK(p != NULL);
        if (!p)
            continue;
        r->ments[r->nment].clean.start = (size_t)(p - text);
        r->ments[r->nment].clean.end = (size_t)(p - text) + strlen(specs[k].surface);
        r->ments[r->nment].type = specs[k].type;
        r->ments[r->nment].entity_id = strdup(specs[k].id);
        r->ments[r->nment].name = strdup(specs[k].name);
        r->ments[r->nment].role = specs[k].role ? strdup(specs[k].role) : NULL;
        r->ments[r->nment].gender = specs[k].gender;
        r->ments[r->nment].rule = "gazetteer";
        r->nment++;
    }
    qsort(r->ments, r->nment, sizeof *r->ments, mention_cmp);
    r->rc = ingest_statements_extract(r->text, len, r->paras, r->npara, NULL, 0, r->ments, r->nment,
                                      NULL, doc_date, &r->res);
}

static void done(struct run *r)
{
    ingest_statement_result_clear(&r->res);
    ingest_statement_result_clear(&r->res); /* safe twice */
    for (size_t k = 0; k < r->nment; k++) {
        free(r->ments[k].entity_id);
        free(r->ments[k].name);
        free(r->ments[k].role);
    }
    free(r->ments);
    free(r->paras);
    free(r->text);
}

/* The statement whose text starts with prefix, or NULL. */
static const struct ingest_statement *find(const struct run *r, const char *prefix)
{
    for (size_t k = 0; k < r->res.count; k++)
        if (strncmp(r->res.statements[k].text, prefix, strlen(prefix)) == 0)
            return &r->res.statements[k];
    return NULL;
}

static const char *kind_of(const struct ingest_statement *s)
{
    return s ? ingest_statement_kind_name(s->kind) : "(missing)";
}

static const char *id_of(const struct ingest_statement *s)
{
    return s ? s->speaker_id : "(missing)";
}

static const char *rule_of(const struct ingest_statement *s) { return s ? s->rule : "(missing)"; }

/* Text of a range of r's text, in a static buffer. */
static const char *slice(const struct run *r, struct ingest_range g)
{
    static char buf[256];
    size_t n = g.end > g.start ? g.end - g.start : 0;

    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, r->text + g.start, n);
    buf[n] = '\0';
    return buf;
}

/* ---- the sieve's rules ---- */

static void test_quote_said_name(void)
{
    static const struct spec sp[] = {
        PERSON("Itsunori Onodera", "itsunori-onodera", 'm'),
        PERSON("Keiko Arakawa", "keiko-arakawa", 'f'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "\u201cThis radar gives us minutes,\u201d Defense Minister Itsunori Onodera said at a "
        "briefing.\n\n\u201cNobody here was asked,\u201d said Keiko Arakawa, who leads a "
        "residents\u2019 group.",
        sp, 2, NULL);
    CHECK(r.rc == 0);
    CHECK(r.res.count == 2);
    s = find(&r, "This radar");
    CHECK_STR(kind_of(s), "direct");
    CHECK_STR(s ? s->text : NULL, "This radar gives us minutes"); /* the comma is dropped */
    CHECK_STR(id_of(s), "itsunori-onodera");
    CHECK_STR(rule_of(s), "quote-said-name");
    CHECK_STR(s ? s->cue : NULL, "said");
    CHECK_STR(s ? slice(&r, s->cue_range) : NULL, "said");
    CHECK_STR(s ? slice(&r, s->speaker) : NULL, "Itsunori Onodera");
    CHECK_STR(s ? slice(&r, s->clean) : NULL, "This radar gives us minutes");
    CHECK(s && s->confidence >= 0.9);
    s = find(&r, "Nobody");
    CHECK_STR(id_of(s), "keiko-arakawa"); /* "said X": the name after the verb */
    CHECK_STR(rule_of(s), "quote-said-name");
    CHECK(s && s->paragraph == 1);
    done(&r);
}

static void test_name_said_quote(void)
{
    static const struct spec sp[] = {
        PERSON("John Kerry", "john-kerry", 'm'),
        PERSON("Qian Qichen", "qian-qichen", 'm'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Secretary of State John Kerry said, \"The world has changed.\"\n\n"
        "As Foreign Minister Qian Qichen stated, \"At present, the treaty itself has not "
        "changed. That is worrisome.\"",
        sp, 2, NULL);
    s = find(&r, "The world");
    CHECK_STR(id_of(s), "john-kerry");
    CHECK_STR(rule_of(s), "name-said-quote");
    CHECK_STR(kind_of(s), "direct");
    s = find(&r, "At present");
    CHECK_STR(id_of(s), "qian-qichen");
    CHECK_STR(s ? s->cue : NULL, "stated");
    CHECK_STR(s ? s->text : NULL,
              "At present, the treaty itself has not changed. That is worrisome.");
    done(&r);
}

static void test_told(void)
{
    static const struct spec sp[] = {
        PERSON("Hiroshi Tanabe", "hiroshi-tanabe", 'm'),
        PERSON("Itsunori Onodera", "itsunori-onodera", 'm'),
        PERSON("Mr. Hagel", "chuck-hagel", 'm'),
    };
    struct run r;

    run(&r,
        "Deputy Foreign Minister Hiroshi Tanabe told reporters at the embassy: \"Japan will "
        "not become a different country.\"\n\n"
        "\u201cWe\u2019d like to share views,\u201d Japan\u2019s defense minister, Itsunori "
        "Onodera, told Mr. Hagel as the meeting began.",
        sp, 3, NULL);
    CHECK_STR(id_of(find(&r, "Japan will")), "hiroshi-tanabe");
    CHECK_STR(find(&r, "Japan will") ? find(&r, "Japan will")->cue : NULL, "told");
    /* the one told is not the speaker; the appositive names him */
    CHECK_STR(id_of(find(&r, "We\u2019d like")), "itsunori-onodera");
    done(&r);
}

static void test_colon(void)
{
    static const struct spec sp[] = {PERSON("Yamada", "shigeo-yamada", 'm'),
                                     PERSON_N("Yamada", 1, "shigeo-yamada", 'm')};
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Asked about North Korea, Yamada was blunt: \"Every launch makes our case for us.\"\n\n"
        "Q: Will Japan buy more missiles?\n\n"
        "Yamada: \"We will buy what we need.\"",
        sp, 2, NULL);
    s = find(&r, "Every launch");
    CHECK_STR(id_of(s), "shigeo-yamada");
    CHECK_STR(rule_of(s), "colon");
    CHECK_STR(s ? s->cue : NULL, ":");
    CHECK_STR(id_of(find(&r, "We will buy")), "shigeo-yamada");
    done(&r);
}

static void test_colon_with_cue_after(void)
{
    struct run r;
    const struct ingest_statement *s;

    run(&r, "The message was blunt: \"Japan must do more,\" the senior official said.", NULL, 0,
        NULL);
    s = find(&r, "Japan must");
    CHECK_STR(rule_of(s), "unnamed");
    CHECK_STR(s ? s->speaker_description : NULL, "the senior official");
    done(&r);
}

static void test_colon_across_paragraphs(void)
{
    static const struct spec sp[] = {PERSON("Daisuke Ueno", "daisuke-ueno", 'm')};
    struct run r;

    run(&r,
        "Earlier, the mayor of Yokosuka, Daisuke Ueno, told the same audience:\n\n"
        "\u201cThe city has lived beside the base for seventy years.\u201d",
        sp, 1, NULL);
    CHECK_STR(id_of(find(&r, "The city")), "daisuke-ueno");
    done(&r);
}

static void test_according_to(void)
{
    static const struct spec sp[] = {PERSON("Ms. Callahan", "nora-callahan", 'f')};
    struct run r;
    const struct ingest_statement *s;

    run(&r, "\"We want to get it right rather than get it fast,\" according to Ms. Callahan.", sp,
        1, NULL);
    s = find(&r, "We want");
    CHECK_STR(id_of(s), "nora-callahan");
    CHECK_STR(rule_of(s), "according-to");
    CHECK_STR(s ? s->cue : NULL, "according to");
    done(&r);
}

static void test_pronoun_paragraph(void)
{
    static const struct spec sp[] = {
        PERSON("Mr. Boucher", "richard-boucher", 'm'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Mr. Boucher further said the two countries do not intend to extend the treaty. And "
        "under questioning he rejected the notion. \"We support the emergence of China,\" he "
        "said. \"So that's a process that we see as a positive one.\"",
        sp, 1, NULL);
    s = find(&r, "We support");
    CHECK_STR(id_of(s), "richard-boucher");
    CHECK_STR(rule_of(s), "pronoun-paragraph");
    CHECK_STR(s ? slice(&r, s->speaker) : NULL, "he"); /* the words naming the speaker */
    CHECK(s && s->confidence < 0.9 && s->confidence > 0.5);
    s = find(&r, "So that's");
    CHECK_STR(id_of(s), "richard-boucher");
    CHECK_STR(rule_of(s), "continuation");
    done(&r);
}

/* Two persons of different gender: the pronoun picks the one that fits. */
static void test_pronoun_two_genders(void)
{
    static const struct spec sp[] = {
        PERSON("Timothy Rourke", "timothy-rourke", 'm'),
        PERSON("Emi Nakano", "emi-nakano", 'f'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Timothy Rourke, a researcher, and Emi Nakano of Keio University both expect a slower "
        "schedule. \"Budgets move slower than speeches,\" she said.\n\n"
        "\"Nobody has told the shipyards yet,\" he added.",
        sp, 2, NULL);
    s = find(&r, "Budgets");
    CHECK_STR(id_of(s), "emi-nakano");
    CHECK_STR(rule_of(s), "nearest-person");
    s = find(&r, "Nobody");
    CHECK_STR(id_of(s), "timothy-rourke");
    done(&r);
}

/* The paragraph is about a woman and the text says "he": unsure, so no speaker. */
static void test_pronoun_conflict_abstains(void)
{
    static const struct spec sp[] = {
        PERSON("Bernhard Bot", "bernard-bot", 'm'),
        PERSON("Condoleezza Rice", "condoleezza-rice", 'f'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Earlier Friday in a talk with Dutch Foreign Minister Bernhard Bot, Secretary of State "
        "Condoleezza Rice declined to discuss the draft. But she said the dialogue has long "
        "addressed Taiwan. \"We have cautioned all parties,\" he said. \"And our efforts "
        "count very much on American adherence.\"",
        sp, 2, NULL);
    s = find(&r, "We have cautioned");
    CHECK_STR(kind_of(s), "direct");
    CHECK(s && s->speaker_id == NULL);
    CHECK_STR(rule_of(s), "none");
    CHECK(s && s->confidence == 0);
    s = find(&r, "And our efforts");
    CHECK(s && s->speaker_id == NULL); /* continues the abstention, not a guess */
    done(&r);
}

/* Two men spoke in the paragraph before: "he" could be either. */
static void test_pronoun_two_speakers_abstains(void)
{
    static const struct spec sp[] = {
        PERSON("Saito", "hideki-saito", 'm'),
        PERSON("Lowell", "richard-lowell", 'm'),
    };
    struct run r;

    run(&r,
        "\"Okinawa paid the price,\" Saito said, and Lowell, asked about the remark, said he "
        "did not disagree.\n\n\"It was not our finest hour,\" he said.",
        sp, 2, NULL);
    CHECK_STR(id_of(find(&r, "Okinawa")), "hideki-saito");
    CHECK(find(&r, "It was not") && find(&r, "It was not")->speaker_id == NULL);
    done(&r);
}

static void test_question_asked(void)
{
    static const struct spec sp[] = {PERSON("Rubio", "marco-rubio", 'm')};
    struct run r;

    run(&r,
        "A reporter asked Rubio about tariffs. \"I am not going to negotiate trade here,\" he "
        "said.",
        sp, 1, NULL);
    CHECK_STR(id_of(find(&r, "I am not")), "marco-rubio");
    done(&r);
}

static void test_continuation_next_paragraph(void)
{
    static const struct spec sp[] = {
        PERSON("Kihara", "minoru-kihara", 'm'),
        PERSON("Hiroshi Kudo", "hiroshi-kudo", 'm'),
        PERSON("Aiko Fujita", "aiko-fujita", 'f'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "\"You are the first unit of its kind,\" Kihara said.\n\n"
        "\"Train as if the world is watching, because it is.\"\n\n"
        "Hiroshi Kudo, a farmer, complained that landing craft damaged nets.\n\n"
        "\"Nobody paid for the nets.\"\n\n"
        "Aiko Fujita, a colonel, disagreed.\n\n"
        "\"We paid for every one of them.\"",
        sp, 3, NULL);
    s = find(&r, "Train");
    CHECK_STR(id_of(s), "minoru-kihara");
    CHECK_STR(rule_of(s), "continuation");
    CHECK(s && s->confidence < find(&r, "You are")->confidence);
    CHECK_STR(id_of(find(&r, "Nobody paid")), "hiroshi-kudo");
    /* "disagreed" is no speech cue: another person came in, no continuation */
    s = find(&r, "We paid");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
}

static void test_added_colon(void)
{
    static const struct spec sp[] = {PERSON("Porter Goss", "porter-goss", 'm')};
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "On Wednesday, Porter Goss, the head of the CIA, issued a stern warning.\n\n"
        "\"Beijing's buildup could tilt the balance,\" he told the Senate Armed Services "
        "Committee, adding: \"Improved Chinese capabilities threaten US forces.\"\n\n"
        "He added: \"We are watching.\"",
        sp, 1, NULL);
    s = find(&r, "Beijing");
    CHECK_STR(id_of(s), "porter-goss");
    CHECK_STR(rule_of(s), "nearest-person");
    s = find(&r, "Improved");
    CHECK_STR(id_of(s), "porter-goss");
    CHECK_STR(s ? s->cue : NULL, "adding");
    CHECK_STR(id_of(find(&r, "We are watching")), "porter-goss");
    done(&r);
}

static void test_organization(void)
{
    static const struct spec sp[] = {
        ORG("China\u2019s Foreign Ministry", "ministry-of-foreign-affairs-china"),
        ORG("the Chinese Foreign Ministry", "ministry-of-foreign-affairs-china"),
        ORG("Japan\u2019s Ministry of Foreign Affairs", "ministry-of-foreign-affairs-japan"),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "China\u2019s Foreign Ministry on Monday criticized the statement.\n\n"
        "The ministry, in a statement posted on its website, said: \u201cThe alliance is a "
        "product of the Cold War.\u201d\n\n"
        "In response, the Chinese Foreign Ministry, in a statement on Friday, angrily "
        "denounced those remarks, saying, \u201cThe United States has interfered.\u201d\n\n"
        "Japan\u2019s Ministry of Foreign Affairs rejected the criticism. \u201cThe alliance "
        "is defensive,\u201d it said.",
        sp, 3, NULL);
    s = find(&r, "The alliance is a product");
    CHECK_STR(id_of(s), "ministry-of-foreign-affairs-china"); /* "the ministry" named before */
    CHECK_STR(rule_of(s), "organization");
    CHECK_STR(s ? s->speaker_description : NULL, "The ministry");
    s = find(&r, "The United States has");
    CHECK_STR(id_of(s), "ministry-of-foreign-affairs-china");
    CHECK_STR(s ? s->cue : NULL, "saying");
    s = find(&r, "The alliance is defensive");
    CHECK_STR(id_of(s), "ministry-of-foreign-affairs-japan");
    done(&r);
}

static void test_unnamed(void)
{
    static const struct spec sp[] = {ORG("Pentagon", "us-department-of-defense")};
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "\"It is on paper now,\" one of the people said.\n\n"
        "\"We do not discuss operational planning,\" a Pentagon spokeswoman said.\n\n"
        "Officials said a decision was unlikely. \"Nobody wants to rush this,\" they said.\n\n"
        "\"Command is not a gift,\" said a retired Japanese general who now teaches.",
        sp, 1, NULL);
    s = find(&r, "It is on paper");
    CHECK(s && s->speaker_id == NULL);
    CHECK_STR(rule_of(s), "unnamed");
    CHECK_STR(s ? s->speaker_description : NULL, "one of the people");
    s = find(&r, "We do not");
    CHECK(s && s->speaker_id == NULL); /* the Pentagon only qualifies the spokeswoman */
    CHECK_STR(s ? s->speaker_description : NULL, "a Pentagon spokeswoman");
    s = find(&r, "Nobody wants");
    CHECK_STR(rule_of(s), "unnamed");
    CHECK_STR(s ? s->speaker_description : NULL, "Officials");
    s = find(&r, "Command");
    CHECK_STR(s ? s->speaker_description : NULL, "a retired Japanese general");
    done(&r);
}

static void test_document(void)
{
    static const struct spec sp[] = {
        AGREEMENT("National Defense Program Outline", "japan-national-defense-program-guidelines"),
        COUNTRY("Japan", "japan"),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "On Taiwan, the statement will \"encourage the peaceful resolution of the dispute,\" "
        "the administration official said.\n\n"
        "Japan's National Defense Program Outline, a policy document adopted last December, "
        "says that in light of the \"uncertainty\" that remains, the \"close cooperative "
        "relationship\" continues.\n\n"
        "The agreement Thursday said the allies should deal with \u201ccoercive and "
        "destabilizing behaviors,\u201d while calling on China to adhere to norms.\n\n"
        "According to a senior aide, the communique will \"reaffirm the treaty\" in full.",
        sp, 2, NULL);
    s = find(&r, "encourage");
    CHECK_STR(kind_of(s), "document");
    CHECK_STR(s ? s->speaker_description : NULL, "the statement");
    CHECK(s && s->speaker_id == NULL);
    CHECK_STR(rule_of(s), "document");
    s = find(&r, "uncertainty");
    CHECK_STR(kind_of(s), "document");
    CHECK_STR(id_of(s), "japan-national-defense-program-guidelines");
    CHECK_STR(s ? s->speaker_description : NULL, "Japan's National Defense Program Outline");
    CHECK_STR(kind_of(find(&r, "close cooperative")), "document");
    s = find(&r, "coercive");
    CHECK_STR(kind_of(s), "document");
    CHECK_STR(s ? s->speaker_description : NULL, "The agreement");
    s = find(&r, "reaffirm the treaty"); /* reported by an aide, still the document's words */
    CHECK_STR(kind_of(s), "document");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
}

/* A person the entity stage missed: never replaced by the one it saw. */
static void test_unknown_name_abstains(void)
{
    static const struct spec sp[] = {PERSON("Richard Lowell", "richard-lowell", 'm')};
    struct run r;

    run(&r,
        "Richard Lowell said Washington had been patient. \"We waited,\" he said.\n\n"
        "Hideki Saito, then a negotiator, remembered it differently. \"The Americans were "
        "impatient,\" he said.\n\n"
        "\"Every week there was a new deadline.\"",
        sp, 1, NULL);
    CHECK_STR(id_of(find(&r, "We waited")), "richard-lowell");
    CHECK(find(&r, "The Americans") && find(&r, "The Americans")->speaker_id == NULL);
    CHECK(find(&r, "Every week") && find(&r, "Every week")->speaker_id == NULL);
    done(&r);
}

static void test_told_object_is_not_a_rival(void)
{
    static const struct spec sp[] = {
        PERSON("Mr. Obama", "barack-obama", 'm'),
        PERSON("Abe", "shinzo-abe", 'm'),
    };
    struct run r;

    run(&r,
        "Mr. Obama said it would be a mistake, and he said he had told Mr. Abe directly that "
        "both should talk. \"There is no new red line here,\" he said.",
        sp, 2, NULL);
    CHECK_STR(id_of(find(&r, "There is no")), "barack-obama");
    done(&r);
}

static void test_document_clauses(void)
{
    static const struct spec sp[] = {
        PERSON("Mr. Kerry", "john-kerry", 'm'),
        PERSON("Toshimitsu Motegi", "toshimitsu-motegi", 'm'),
        ORG("The Asahi Shimbun", "asahi-shimbun"),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Meeting Foreign Minister Toshimitsu Motegi on Tuesday, the two Americans signed a "
        "joint statement that said Chinese behavior, \"where inconsistent with the order,\" "
        "was a challenge.\n\n"
        "The document also underscored \"the importance of peace and stability in the "
        "strait.\"\n\n"
        "Mr. Kerry spoke first. He said the guidelines would allow Japan to help "
        "\"as needed.\"\n\n"
        "The Asahi Shimbun called the memoir \"honest to a fault,\" while a reviewer "
        "dismissed it as \"a long apology.\"",
        sp, 3, NULL);
    s = find(&r, "where inconsistent");
    CHECK_STR(kind_of(s), "document");
    CHECK(s && s->speaker_id == NULL); /* not Motegi, who only met them */
    CHECK_STR(s ? s->speaker_description : NULL, "a joint statement");
    s = find(&r, "the importance");
    CHECK_STR(kind_of(s), "document");
    CHECK_STR(s ? s->speaker_description : NULL, "The document");
    s = find(&r, "as needed");
    CHECK_STR(kind_of(s), "partial"); /* the guidelines are in what Kerry said */
    CHECK_STR(id_of(s), "john-kerry");
    CHECK_STR(id_of(find(&r, "honest")), "asahi-shimbun");
    s = find(&r, "a long apology");
    CHECK(s && s->speaker_id == NULL); /* "while" starts another clause */
    done(&r);
}

/* ---- kinds: partial quotes and terms ---- */

static void test_partial(void)
{
    static const struct spec sp[] = {
        PERSON("Richard Boucher", "richard-boucher", 'm'),
        PERSON_N("Mr. Boucher", 0, "richard-boucher", 'm'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "At a news briefing, State Department Spokesman Richard Boucher did not contest the "
        "report, but said he did not want to \"get ahead\" of Saturday's meeting.\n\n"
        "Mr. Boucher said the U.S. view of China's behavior is not entirely \"rosy\" and that "
        "it has expressed concern.",
        sp, 2, "2005-02-19");
    s = find(&r, "get ahead");
    CHECK_STR(kind_of(s), "partial");
    CHECK_STR(id_of(s), "richard-boucher"); /* the elided subject of "but said" */
    CHECK_STR(s ? s->date : NULL, "");      /* "Saturday's meeting" is not when he spoke */
    s = find(&r, "rosy");
    CHECK_STR(kind_of(s), "partial");
    CHECK_STR(id_of(s), "richard-boucher");
    done(&r);
}

static void test_terms(void)
{
    static const struct spec sp[] = {PERSON("Mr. Boucher", "richard-boucher", 'm')};
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "The annual meeting is the so-called \"two-plus-two\" meeting. Mr. Boucher said the "
        "United States is not changing its \"one-China\" policy.\n\n"
        "Okada hopes that the \"Japan-U.S. Security Treaty\" would expand. Kishida's aides say "
        "the word \"passenger\" was chosen carefully. The talks aim to \"deepen the "
        "alliance\" this year.\n\n"
        "Officials want to \"deepen the alliance\" before the summit.",
        sp, 1, NULL);
    CHECK(r.res.count == 6);
    for (size_t k = 0; k < r.res.count; k++) {
        s = &r.res.statements[k];
        CHECK_STR(kind_of(s), "term");
        CHECK(s->speaker_id == NULL && s->speaker_description == NULL);
        CHECK_STR(s->rule, "none");
        CHECK(s->cue == NULL);
    }
    done(&r);
}

/* ---- quote marks ---- */

static void test_straight_and_curly(void)
{
    struct run r;

    run(&r,
        "\"Straight marks,\" an official said. \u201cCurly marks,\u201d an aide said. "
        "\u00abGuillemets,\u00bb a diplomat said.",
        NULL, 0, NULL);
    CHECK(r.res.count == 3);
    CHECK_STR(find(&r, "Straight") ? find(&r, "Straight")->speaker_description : NULL,
              "an official");
    CHECK_STR(find(&r, "Curly") ? find(&r, "Curly")->speaker_description : NULL, "an aide");
    CHECK_STR(find(&r, "Guillemets") ? find(&r, "Guillemets")->speaker_description : NULL,
              "a diplomat");
    done(&r);
}

static void test_nested_single_quotes(void)
{
    static const struct spec sp[] = {PERSON("Haruka Mizuno", "haruka-mizuno", 'f')};
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Opposition leader Haruka Mizuno said the government was \u201chiding behind the word "
        "\u2018deterrence\u2019\u201d and demanded a debate.\n\n"
        "\"I heard a captain say 'not this time' to an American plan,\" she said.",
        sp, 1, NULL);
    CHECK(r.res.count == 2);
    s = find(&r, "hiding");
    CHECK_STR(s ? s->text : NULL, "hiding behind the word \u2018deterrence\u2019");
    CHECK_STR(kind_of(s), "partial");
    CHECK_STR(id_of(s), "haruka-mizuno");
    s = find(&r, "I heard");
    CHECK_STR(s ? s->text : NULL, "I heard a captain say 'not this time' to an American plan");
    CHECK_STR(id_of(s), "haruka-mizuno");
    done(&r);
}

static void test_apostrophes(void)
{
    static const struct spec sp[] = {PERSON("Tamaki", "denny-tamaki", 'm')};
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "\u2019Twas a long fight, and Japan\u2019s bases date from the \u201990s.\n\n"
        "\u201cSince the \u201990s, the base has been the island\u2019s biggest question,\u201d "
        "Tamaki said. The residents\u2019 group agreed.",
        sp, 1, NULL);
    CHECK(r.res.count == 1);
    s = find(&r, "Since");
    CHECK_STR(s ? s->text : NULL,
              "Since the \u201990s, the base has been the island\u2019s biggest question");
    CHECK_STR(id_of(s), "denny-tamaki");
    done(&r);
}

static void test_multi_paragraph(void)
{
    static const struct spec sp[] = {PERSON("Grace Holloway", "grace-holloway", 'f')};
    struct run r;
    const struct ingest_statement *s;
    const char *text = "Admiral Grace Holloway described the fleet.\n\n"
                       "\"When I first came to this port, we fixed ships.\n\n"
                       "\"That is no longer true.\n\n"
                       "\"Our partners tell us we are wrong,\" she said.\n\n"
                       "The speech ended.";

    run(&r, text, sp, 1, NULL);
    CHECK(r.res.count == 1);
    s = find(&r, "When I");
    CHECK_STR(s ? s->text : NULL, "When I first came to this port, we fixed ships. That is no "
                                  "longer true. Our partners tell us we are wrong");
    CHECK(s && s->paragraph == 1);
    CHECK(s && s->clean.start == (size_t)(strstr(text, "When") - text));
    CHECK(s && s->clean.end == (size_t)(strstr(text, "wrong") - text) + 5);
    CHECK_STR(id_of(s), "grace-holloway");
    done(&r);
}

/* A forgotten closing mark: repaired before ", he told"; the rest is still found. */
static void test_unbalanced_missing_close(void)
{
    static const struct spec sp[] = {
        PERSON("Denny Tamaki", "denny-tamaki", 'm'),
        PERSON("Mika Higa", "mika-higa", 'f'),
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "Okinawa Gov. Denny Tamaki said Tuesday that the fight goes on. \"We have said no in "
        "every election, and we will keep saying it, he told a rally in Naha.\n\n"
        "Residents complain about noise\" from helicopters.\n\n"
        "\"The noise is the first thing I hear,\" said Mika Higa.\n\n"
        "\"An opening mark with no end\n\n"
        "And a paragraph after it with a \"term\" in it.",
        sp, 2, NULL);
    s = find(&r, "We have said");
    CHECK_STR(s ? s->text : NULL, "We have said no in every election, and we will keep saying it");
    CHECK_STR(id_of(s), "denny-tamaki");
    CHECK(s && s->confidence < 0.8); /* repaired spans say so */
    CHECK(find(&r, "from") == NULL); /* the stray closing mark opens nothing */
    CHECK_STR(id_of(find(&r, "The noise")), "mika-higa");
    s = find(&r, "An opening");
    CHECK_STR(s ? s->text : NULL, "An opening mark with no end");
    CHECK_STR(kind_of(find(&r, "term")), "term"); /* the next paragraph starts afresh */
    done(&r);
}

/* An opening mark inside an open quote: the first is closed there, pairing goes on. */
static void test_unbalanced_reopen(void)
{
    struct run r;

    run(&r,
        "\u201cWe tried everything. \u201cThen we tried again,\u201d an official said.\n\n"
        "\u201cLater,\u201d an aide said.",
        NULL, 0, NULL);
    CHECK(find(&r, "We tried everything.") != NULL);
    CHECK(find(&r, "Then we tried again") != NULL);
    CHECK_STR(find(&r, "Then") ? find(&r, "Then")->speaker_description : NULL, "an official");
    CHECK(find(&r, "Later") != NULL);
    done(&r);
}

/* ---- fields ---- */

static void test_date_role_mentioned(void)
{
    static const struct spec sp[] = {
        {"Rumsfeld", 0, "donald-rumsfeld", "Donald Rumsfeld", INGEST_ENT_PERSON, 'm',
         "U.S. Secretary of Defense"},
        {"Mr. Hagel", 0, "chuck-hagel", "Chuck Hagel", INGEST_ENT_PERSON, 'm', NULL},
        {"Chuck Hagel", 0, "chuck-hagel", "Chuck Hagel", INGEST_ENT_PERSON, 'm',
         "Defense Secretary"},
        COUNTRY("Japan", "japan"),
        {"China", 0, "china", "China", INGEST_ENT_COUNTRY, 0, NULL},
    };
    struct run r;
    const struct ingest_statement *s;

    run(&r,
        "On Thursday, Rumsfeld said: \"We are concerned about China.\"\n\n"
        "Defense Secretary Chuck Hagel met officials.\n\n"
        "\u201cJapan matters,\u201d Mr. Hagel said during a news conference on Thursday "
        "afternoon.",
        sp, 5, "2013-10-04");
    s = find(&r, "We are concerned");
    CHECK_STR(s ? s->date : NULL, "2013-10-03");
    CHECK(s && s->date_precision == INGEST_PREC_DAY);
    CHECK_STR(s ? s->speaker_name : NULL, "Donald Rumsfeld");
    CHECK_STR(s ? s->speaker_role : NULL, "U.S. Secretary of Defense");
    CHECK(s && s->mentioned_count == 1);
    CHECK_STR(s && s->mentioned_count ? s->mentioned[0] : NULL, "china");
    s = find(&r, "Japan matters");
    CHECK_STR(s ? s->date : NULL, "2013-10-03");
    CHECK_STR(s ? s->speaker_role : NULL, "Defense Secretary"); /* from another mention */
    CHECK_STR(s && s->mentioned_count ? s->mentioned[0] : NULL, "japan");
    done(&r);
}

static void test_kind_names_and_empty(void)
{
    struct ingest_statement_result res = {0};

    CHECK_STR(ingest_statement_kind_name(INGEST_STMT_DIRECT), "direct");
    CHECK_STR(ingest_statement_kind_name(INGEST_STMT_PARTIAL), "partial");
    CHECK_STR(ingest_statement_kind_name(INGEST_STMT_DOCUMENT), "document");
    CHECK_STR(ingest_statement_kind_name(INGEST_STMT_TERM), "term");
    CHECK(ingest_statements_extract("", 0, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, &res) == 0);
    CHECK(res.count == 0 && res.statements == NULL);
    ingest_statement_result_clear(&res);
    ingest_statement_result_clear(NULL);
    /* no paragraphs given: the whole text is one */
    CHECK(ingest_statements_extract("\"Hello there, friends,\" an aide said.", 37, NULL, 0, NULL, 0,
                                    NULL, 0, NULL, NULL, &res) == 0);
    CHECK(res.count == 1);
    CHECK_STR(res.count ? res.statements[0].text : NULL, "Hello there, friends");
    ingest_statement_result_clear(&res);
    /* paragraph and mention ranges that do not fit the text */
    {
        const char *t = "\"Open and never closed, he said";
        struct ingest_paragraph bad[2] = {{{0, 999}}, {{500, 2000}}};
        struct ingest_mention m = {0};
        m.clean.start = 20;
        m.clean.end = 5000;
        m.type = INGEST_ENT_PERSON;
        m.entity_id = (char *)"x";
        m.name = (char *)"X";
        CHECK(ingest_statements_extract(t, strlen(t), bad, 2, NULL, 0, &m, 1, NULL, "2020", &res) ==
              0);
        CHECK(res.count == 1);
        CHECK(res.count && res.statements[0].clean.end <= strlen(t));
        ingest_statement_result_clear(&res);
    }
    /* only marks */
    CHECK(ingest_statements_extract("\"\" \u201c\u201d \"", 10, NULL, 0, NULL, 0, NULL, 0, NULL,
                                    NULL, &res) == 0);
    CHECK(res.count == 0);
    ingest_statement_result_clear(&res);
}

/* Random bytes rich in quote marks and cue words: never a crash, offsets always inside. */
static void test_random_input(void)
{
    static const char *const pieces[] = {
        "\"",      "\u201c", "\u201d",     "\u2018", "\u2019",        "'",
        " said",   " he",    " she",       " told",  " according to", ":",
        ",",       ".",      "\n\n",       " Mr.",   " Rice",         " the ministry",
        " saying", " it",    " officials", " ",      "\xff",          "\xe2\x80",
        "?",       " a",     " so-called", "Q",
    };
    uint32_t seed = 12345;

    for (int round = 0; round < 300; round++) {
        char buf[2048];
        size_t len = 0;
        struct ingest_paragraph paras[1] = {{{0, 0}}};
        struct ingest_mention m[1];
        struct ingest_statement_result res = {0};
        int n = 20 + round % 150;

        for (int k = 0; k < n; k++) {
            const char *p;
            size_t pl;
            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            pl = strlen(p);
            if (len + pl >= sizeof buf)
                break;
            memcpy(buf + len, p, pl);
            len += pl;
        }
        buf[len] = '\0';
        paras[0].clean.end = len;
        memset(m, 0, sizeof m);
        m[0].clean.start = len / 3;
        m[0].clean.end = len / 3 + 2;
        m[0].type = INGEST_ENT_PERSON;
        m[0].entity_id = (char *)"someone";
        m[0].name = (char *)"Someone";
        m[0].gender = 'f';
        CHECK(ingest_statements_extract(buf, len, round % 2 ? paras : NULL, round % 2, NULL, 0,
                                        len > 8 ? m : NULL, len > 8, NULL, "2020-01-01",
                                        &res) == 0);
        for (size_t k = 0; k < res.count; k++) {
            const struct ingest_statement *s = &res.statements[k];
            CHECK(s->clean.start <= s->clean.end && s->clean.end <= len);
            CHECK(s->text != NULL && s->rule != NULL);
            CHECK(s->confidence >= 0 && s->confidence <= 1);
        }
        ingest_statement_result_clear(&res);
    }
}

/* A long paragraph with many quotes and cues stays fast. */
static void test_large_input(void)
{
    size_t cap = 400000, len = 0;
    char *buf = malloc(cap);
    struct ingest_statement_result res = {0};
    clock_t t0;

    if (!buf)
        abort();
    while (len + 100 < cap) {
        const char *p = "\"We agree, mostly,\" he said, and an official said the \"term\" was "
                        "fine and ";
        memcpy(buf + len, p, strlen(p));
        len += strlen(p);
    }
    buf[len] = '\0';
    t0 = clock();
    CHECK(ingest_statements_extract(buf, len, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, &res) == 0);
    CHECK(res.count > 1000);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
    ingest_statement_result_clear(&res);
    free(buf);
}

/* Rules added for the held-out batches h3/h4 (tests/fixtures/statements/README.md). */
static void test_heldout_rules(void)
{
    static const struct spec two_women[] = {
        PERSON("Margaret Cole", "margaret-cole", 'f'),
        PERSON("Naoko Sato", "naoko-sato", 'f'),
        PERSON_N("Cole", 1, "margaret-cole", 'f'),
        PERSON_N("Sato", 1, "naoko-sato", 'f'),
    };
    static const struct spec two_women_again[] = {
        PERSON("Margaret Cole", "margaret-cole", 'f'),
        PERSON("Naoko Sato", "naoko-sato", 'f'),
        PERSON_N("Cole", 1, "margaret-cole", 'f'),
        PERSON_N("Sato", 1, "naoko-sato", 'f'),
        PERSON_N("Cole", 2, "margaret-cole", 'f'),
    };
    static const struct spec minister[] = {
        PERSON("Yoko Kamikawa", "yoko-kamikawa", 'f'),
        PERSON("minister", "yoko-kamikawa", 'f'),
        COUNTRY("Japanese", "japan"),
    };
    static const struct spec panel[] = {
        PERSON("Ellen Marsh", "ellen-marsh", 'f'),
        PERSON("Tetsuo Higa", "tetsuo-higa", 'm'),
        PERSON_N("Marsh", 1, "ellen-marsh", 'f'),
        PERSON_N("Higa", 1, "tetsuo-higa", 'm'),
    };
    static const struct spec merritt[] = {
        PERSON("Paul Merritt", "paul-merritt", 'm'),
    };
    struct run r;
    const struct ingest_statement *s;

    /* "X nodded. "Q," she said": the person the sentence before is about */
    run(&r,
        "Margaret Cole and Naoko Sato agree on one thing. \"After that, nobody will listen,\" "
        "Cole said. Sato nodded. \"On that,\" she said, \"we agree.\"",
        two_women, 4, NULL);
    CHECK_STR(id_of(find(&r, "On that")), "naoko-sato");
    CHECK_STR(id_of(find(&r, "we agree")), "naoko-sato");
    done(&r);
    /* ... but not when another woman is named in that sentence */
    run(&r,
        "Margaret Cole and Naoko Sato agree on one thing. \"After that, nobody will listen,\" "
        "Cole said. Sato looked at Cole. \"On that,\" she said, \"we agree.\"",
        two_women_again, 5, NULL);
    CHECK(find(&r, "On that") && find(&r, "On that")->speaker_id == NULL);
    done(&r);
    /* an unnamed source whose phrase names a person is still unnamed; a dateline is not a
     * subject */
    run(&r,
        "MANILA (AP) — Japanese Foreign Minister Yoko Kamikawa pressed on Monday for a pact, "
        "warning that the waters had become \"more crowded and more dangerous\" this year.\n\n"
        "A senior Japanese official traveling with the minister said the draft was \"about "
        "ninety percent done.\"",
        minister, 3, NULL);
    CHECK_STR(id_of(find(&r, "more crowded")), "yoko-kamikawa");
    s = find(&r, "about ninety");
    CHECK(s && s->speaker_id == NULL && s->speaker_description != NULL);
    done(&r);
    /* a colon introduction is not overridden by a name in the next sentence */
    run(&r,
        "Ellen Marsh and Tetsuo Higa took part. Marsh went first: \"Stop announcing "
        "deadlines.\" Higa said he wanted \"a date that someone keeps.\"",
        panel, 4, NULL);
    CHECK_STR(id_of(find(&r, "Stop announcing")), "ellen-marsh");
    CHECK_STR(id_of(find(&r, "a date")), "tetsuo-higa");
    done(&r);
    /* a question opening the paragraph; a leading phrase before "he"; an answer line */
    run(&r,
        "Paul Merritt sat down with reporters. \"Every ally is asked to do more,\" he "
        "said.\n\nWas that a demand? \"Call it an expectation,\" he answered.\n\n"
        "On missile defense he was more cautious: \"The radars are late.\"\n\n"
        "Q: \"Will the Marines leave on time?\"\n\nA: \"Some of them will.\"",
        merritt, 1, NULL);
    CHECK_STR(id_of(find(&r, "Call it")), "paul-merritt");
    CHECK_STR(id_of(find(&r, "The radars")), "paul-merritt");
    CHECK(find(&r, "Will the Marines") && find(&r, "Will the Marines")->speaker_id == NULL);
    CHECK_STR(id_of(find(&r, "Some of them")), "paul-merritt");
    done(&r);
}

/* Blind batch q2 misses: a possessive colon introduction, a role with an appositive name, a
 * dateline that is never a speaker. */
static void test_blind_q2_rules(void)
{
    static const struct spec possessive[] = {
        PERSON("Gen Nakatani", "gen-nakatani", 'm'),
        PERSON_N("Nakatani", 1, "gen-nakatani", 'm'),
        COUNTRY("Japan", "japan"),
    };
    static const struct spec ministry[] = {
        COUNTRY("Japan", "japan"),
        ORG("Foreign Ministry", "mofa-japan"),
    };
    static const struct spec apposition[] = {
        COUNTRY("India", "india"),
        PERSON("Subrahmanyam Jaishankar", "subrahmanyam-jaishankar", 'm'),
    };
    static const struct spec dateline[] = {
        {"WASHINGTON", 0, "washington-dc", "Washington", INGEST_ENT_PLACE, 0, NULL},
        ORG("Harborview Institute", "harborview-institute"),
        {"Washington", 0, "washington-dc", "Washington", INGEST_ENT_PLACE, 0, NULL},
    };
    struct run r;
    const struct ingest_statement *s;

    /* "X's answer was brief: "Q"": the possessor of a speech noun is the speaker */
    run(&r,
        "Gen Nakatani met reporters on Friday.\n\n"
        "Nakatani's answer was brief: \"We will decide that for ourselves.\"",
        possessive, 2, NULL);
    CHECK_STR(id_of(find(&r, "We will decide")), "gen-nakatani");
    CHECK_STR(rule_of(find(&r, "We will decide")), "colon");
    done(&r);
    /* ... not the possessor of another noun ("Nakatani's aides were told: "Q""), and an
     * organization's statement stays the document's */
    run(&r,
        "Gen Nakatani met reporters on Friday.\n\n"
        "Nakatani's aides were blunt: \"We will decide that for ourselves.\"",
        possessive, 2, NULL);
    s = find(&r, "We will decide");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    run(&r, "Japan's Foreign Ministry's statement was clear: \"The islands are ours.\"", ministry,
        2, NULL);
    s = find(&r, "The islands");
    CHECK_STR(kind_of(s), "document");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    /* "A role, Name, did X: "Q"": the name in apposition, not the unnamed role */
    run(&r,
        "India's foreign minister, Subrahmanyam Jaishankar, pressed a point of his own: \"Say "
        "it plainly.\"",
        apposition, 2, NULL);
    CHECK_STR(id_of(find(&r, "Say it")), "subrahmanyam-jaishankar");
    done(&r);
    /* ... but not a name in another phrase after the role */
    run(&r,
        "India's foreign minister, like Subrahmanyam Jaishankar before him, pressed a point: "
        "\"Say it plainly.\"",
        apposition, 2, NULL);
    s = find(&r, "Say it");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    /* a dateline is never a speaker: the report the participle hangs on is */
    run(&r,
        "WASHINGTON \xE2\x80\x94 A report released on Tuesday by the Harborview Institute, a "
        "research group in Washington, urged more repairs, calling shipyard capacity \"the "
        "weakest link\" in the alliance.",
        dateline, 3, NULL);
    s = find(&r, "the weakest link");
    CHECK(s && s->speaker_id == NULL);
    CHECK_STR(kind_of(s), "document");
    done(&r);
}

/* Blind batch r misses, in other words: two people named together before "he said", "it said"
 * for a body described as "state ...", an inverted cue with a role and a name in apposition,
 * "X quoted Y as saying", documents framing a sentence, an emphatic "herself". */
static void test_blind_r_rules(void)
{
    static const struct spec two_men[] = {
        PERSON("Kenji Arai", "kenji-arai", 'm'),
        PERSON("Hiroshi Tanabe", "hiroshi-tanabe", 'm'),
    };
    static const struct spec man_woman[] = {
        PERSON("Kenji Arai", "kenji-arai", 'm'),
        PERSON("Emi Tanabe", "emi-tanabe", 'f'),
    };
    static const struct spec broadcaster[] = {
        ORG("NHK", "nhk"),
    };
    static const struct spec panel[] = {
        PERSON("Linda Ortiz", "linda-ortiz", 'f'),
        PERSON("Ryo Sakamoto", "ryo-sakamoto", 'm'),
    };
    static const struct spec quoted[] = {
        ORG("Kyodo News", "kyodo-news"),
        PERSON("Aiko Mori", "aiko-mori", 'f'),
        PERSON("Ken Hara", "ken-hara", 'm'),
        PERSON("Lee", "lee-jae-sung", 'm'),
        ORG("Yonhap", "yonhap"),
    };
    static const struct spec ueda[] = {
        PERSON("Ueda", "mika-ueda", 'f'),
    };
    static const struct spec kondo[] = {
        PERSON("Sayaka Ito", "sayaka-ito", 'f'),
        PERSON("Kondo", "rie-kondo", 'f'),
    };
    struct run r;
    const struct ingest_statement *s;

    /* two men named together as the subject: "he" could be either, so no one */
    run(&r,
        "The leak surfaced on Tuesday. Defense Minister Kenji Arai and Mr. Hiroshi Tanabe were "
        "both questioned about it in the Diet. \"We regret it deeply,\" he said.",
        two_men, 2, NULL);
    s = find(&r, "We regret");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    /* ... also with a sentence between them and the quote */
    run(&r,
        "Kenji Arai and Hiroshi Tanabe flew to Manila on Monday. The talks ran late. \"We made "
        "progress,\" he said.",
        two_men, 2, NULL);
    s = find(&r, "We made");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    /* ... but a man and a woman together leave "she" one reading, and one subject meeting
     * another is still the subject's */
    run(&r,
        "Kenji Arai and Ms. Emi Tanabe were both questioned about it in the Diet. \"We regret "
        "it deeply,\" she said.",
        man_woman, 2, NULL);
    CHECK_STR(id_of(find(&r, "We regret")), "emi-tanabe");
    done(&r);
    run(&r, "Kenji Arai met Hiroshi Tanabe on Monday. \"We made progress,\" he said.", two_men, 2,
        NULL);
    CHECK_STR(id_of(find(&r, "We made")), "kenji-arai");
    done(&r);
    /* "state" before a noun is no speech verb: the body the paragraph is about says "it" */
    run(&r,
        "The state broadcaster NHK was more cautious. \"The figures remain unconfirmed,\" it "
        "said in an evening bulletin.",
        broadcaster, 1, NULL);
    CHECK_STR(id_of(find(&r, "The figures")), "nhk");
    done(&r);
    /* "Q?" asked the ROLE, NAME, ...: the name in apposition, for a role the lexicon knows or
     * not */
    run(&r,
        "\"Will the base close before 2030?\" asked the chairwoman, Linda Ortiz, a retired "
        "admiral.\n\n\"Not if we can help it,\" said the panel's convener, Ryo Sakamoto.",
        panel, 2, NULL);
    CHECK_STR(id_of(find(&r, "Will the base")), "linda-ortiz");
    CHECK(find(&r, "Will the base") && !find(&r, "Will the base")->speaker_description);
    CHECK_STR(id_of(find(&r, "Not if we")), "ryo-sakamoto");
    done(&r);
    /* ... but not a name in a clause after the role */
    run(&r, "\"Will the base close?\" asked the chairwoman, while Linda Ortiz looked on.", panel, 1,
        NULL);
    s = find(&r, "Will the base");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    /* "X quoted Y as saying": Y speaks, not X; in the passive, the subject */
    run(&r,
        "Kyodo News quoted Ms. Aiko Mori as saying: \"The plan is fair to both sides.\"\n\n"
        "The transcript quoted Admiral Ken Hara as warning his staff that the window was "
        "\"closing faster than anyone admits.\"\n\n"
        "Mr. Lee was quoted by Yonhap as saying, \"We will not move first.\"",
        quoted, 5, NULL);
    CHECK_STR(id_of(find(&r, "The plan is")), "aiko-mori");
    CHECK_STR(kind_of(find(&r, "The plan is")), "direct");
    CHECK_STR(id_of(find(&r, "closing faster")), "ken-hara");
    CHECK_STR(kind_of(find(&r, "closing faster")), "partial");
    CHECK_STR(id_of(find(&r, "We will not")), "lee-jae-sung");
    done(&r);
    /* a document framing the sentence, a fact sheet that "called" something, a readout's own
     * words: documents, with the document as description */
    run(&r,
        "Under the 2015 guidelines, the two forces may act together whenever an attack "
        "\"endangers the peace and security of the region.\"\n\n"
        "A fact sheet handed out on Friday called the drill \"a routine test of readiness.\"\n\n"
        "A summary from the embassy described the talks as \"frank but friendly.\"\n\n"
        "According to the prime minister's office readout, Ms. Ueda \"welcomed the progress "
        "made since the spring.\"",
        ueda, 1, NULL);
    s = find(&r, "endangers the peace");
    CHECK_STR(kind_of(s), "document");
    CHECK_STR(s ? s->speaker_description : NULL, "the 2015 guidelines");
    s = find(&r, "a routine test");
    CHECK_STR(kind_of(s), "document");
    CHECK_STR(s ? s->speaker_description : NULL, "A fact sheet");
    s = find(&r, "frank but");
    CHECK_STR(kind_of(s), "document");
    CHECK_STR(s ? s->speaker_description : NULL, "A summary");
    s = find(&r, "welcomed the progress");
    CHECK_STR(kind_of(s), "document");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    /* ... but a cue in the sentence still wins over the document */
    run(&r, "According to the readout, Ms. Ueda said the progress was \"real but slow.\"", ueda, 1,
        NULL);
    s = find(&r, "real but slow");
    CHECK_STR(kind_of(s), "partial");
    CHECK_STR(id_of(s), "mika-ueda");
    done(&r);
    /* "Ms. Kondo herself told ...": the emphatic pronoun leaves the name the subject */
    run(&r,
        "Sayaka Ito spoke first.\n\n"
        "Ms. Kondo herself told reporters on Monday that she had no regrets, but she did not "
        "elaborate. \"I said what I meant,\" she said.",
        kondo, 2, NULL);
    CHECK_STR(id_of(find(&r, "I said what")), "rie-kondo");
    done(&r);
}

static void test_blind_s_rules(void)
{
    static const struct spec harbor[] = {
        PERSON("Akiko Sato", "akiko-sato", 'f'),
        PERSON("Haruko Oshiro", "haruko-oshiro", 'f'),
    };
    static const struct spec charter[] = {
        ORG("Foreign Ministry", "foreign-ministry"),
    };
    static const struct spec asked[] = {
        PERSON("Kenji Arai", "kenji-arai", 'm'),
        PERSON("Emi Tanabe", "emi-tanabe", 'f'),
    };
    static const struct spec panel[] = {
        PERSON("Ryo Sakamoto", "ryo-sakamoto", 'm'),
        PERSON_N("Sakamoto", 1, "ryo-sakamoto", 'm'),
        PERSON_N("Sakamoto", 2, "ryo-sakamoto", 'm'),
        PERSON("Linda Ortiz", "linda-ortiz", 'f'),
    };
    static const struct spec governor[] = {
        PERSON("Taro Miyagi", "taro-miyagi", 0),
        PERSON_N("Miyagi", 1, "taro-miyagi", 0),
        PERSON("Hanako Ishida", "hanako-ishida", 'f'),
    };
    static const struct spec two_unknown[] = {
        PERSON("Taro Miyagi", "taro-miyagi", 0),
        PERSON("Jun Ota", "jun-ota", 0),
        PERSON("Hanako Ishida", "hanako-ishida", 'f'),
    };
    static const struct spec rowe[] = {
        PERSON("Emi Tanabe", "emi-tanabe", 'f'),
        PERSON("Sam Rowe", "sam-rowe", 0),
    };
    struct run r;
    const struct ingest_statement *s;

    /* a leading place phrase and a relative clause before the subject: the woman named after
     * them says "she", and the quote-only sentence after her goes on */
    run(&r,
        "Mayor Akiko Sato opened the session.\n\n"
        "Beside the harbor wall, where fishermen mend their nets each morning, Haruko Oshiro, "
        "64, watched the tugboats. \"They never ask us,\" she said. \"They only send "
        "letters.\"",
        harbor, 2, NULL);
    CHECK_STR(id_of(find(&r, "They never")), "haruko-oshiro");
    CHECK_STR(id_of(find(&r, "They only")), "haruko-oshiro");
    done(&r);
    /* words quoted in a relative clause about a document are the document's; not when the
     * antecedent is a body */
    run(&r,
        "Lawmakers have argued for years over Article 2 of the charter, which forbids \"any "
        "use of force against a member state,\" and over what it allows.\n\n"
        "The Foreign Ministry, which denounced \"any attempt to redraw the map by force,\" "
        "stayed silent on the vote.",
        charter, 1, NULL);
    s = find(&r, "any use of force");
    CHECK_STR(kind_of(s), "document");
    CHECK(s && s->speaker_id == NULL);
    CHECK_STR(s ? s->speaker_description : NULL, "Article 2 of the charter");
    CHECK_STR(kind_of(find(&r, "any attempt")), "partial");
    done(&r);
    /* "-ed"/"-ing" between a determiner and a noun is an adjective: the colon's speaker */
    run(&r,
        "A retired French colonel summed it up this way: \"Nobody plans for the second "
        "week.\"\n\n"
        "A leading economist offered a blunter version: \"The money is already spent.\"",
        NULL, 0, NULL);
    s = find(&r, "Nobody plans");
    CHECK_STR(rule_of(s), "unnamed");
    CHECK_STR(s ? s->speaker_description : NULL, "A retired French colonel");
    s = find(&r, "The money");
    CHECK_STR(s ? s->speaker_description : NULL, "A leading economist");
    done(&r);
    /* the writer asks someone: "he" or "she" after it is the one asked, not a person of that
     * gender named paragraphs before */
    run(&r,
        "Kenji Arai visited the base in May.\n\n"
        "Emi Tanabe flew in a week later.\n\n"
        "We asked a retired diplomat, over coffee in Naha, what the vote meant. \"It means "
        "nothing has changed,\" he said.\n\n"
        "Reporters asked a young officer the same question. \"Ask me in ten years,\" she said.",
        asked, 2, NULL);
    s = find(&r, "It means nothing");
    CHECK(s && s->speaker_id == NULL);
    CHECK_STR(s ? s->speaker_description : NULL, "a retired diplomat");
    s = find(&r, "Ask me");
    CHECK(s && s->speaker_id == NULL);
    CHECK_STR(s ? s->speaker_description : NULL, "a young officer");
    done(&r);
    /* a document as the subject of what a speech verb reports: the speaker's partial */
    run(&r,
        "Kenji Arai told lawmakers that the treaty would \"keep the peace for another "
        "generation.\"\n\n"
        "Emi Tanabe said on Friday that the accord will \"open every port to both navies.\"",
        asked, 2, NULL);
    s = find(&r, "keep the peace");
    CHECK_STR(kind_of(s), "partial");
    CHECK_STR(id_of(s), "kenji-arai");
    s = find(&r, "open every port");
    CHECK_STR(kind_of(s), "partial");
    CHECK_STR(id_of(s), "emi-tanabe");
    done(&r);
    /* an interruption: "Q --" X began, before Y broke in: "Q"; a cue after a subordinate
     * phrase with no subject still introduces the quote; a passive "was asked" names no
     * speaker */
    run(&r,
        "Trade Minister Ryo Sakamoto was asked whether the bid had been close.\n\n"
        "\"We weighed every option, and in the end \xE2\x80\x94\" Sakamoto began, before Linda "
        "Ortiz broke in: \"In the end, the cheaper one won.\"\n\n"
        "\"The order is signed,\" Sakamoto said after the vote, \"and the yards are ready.\"",
        panel, 4, NULL);
    s = find(&r, "We weighed");
    CHECK_STR(id_of(s), "ryo-sakamoto");
    CHECK_STR(s ? s->cue : NULL, "began");
    CHECK_STR(id_of(find(&r, "In the end, the cheaper")), "linda-ortiz");
    CHECK_STR(id_of(find(&r, "The order is")), "ryo-sakamoto");
    CHECK_STR(id_of(find(&r, "and the yards")), "ryo-sakamoto");
    done(&r);
    run(&r,
        "Trade Minister Ryo Sakamoto was asked whether the bid had been close.\n\n"
        "\"It was never close.\"",
        panel, 1, NULL);
    s = find(&r, "It was never");
    CHECK(s && s->speaker_id == NULL && s->speaker_description == NULL);
    done(&r);
    /* "he" after a woman speaks: the man named before her, though his gender is unknown,
     * when no one else can be meant; with two such men, no one */
    run(&r,
        "Gov. Taro Miyagi, who lost the appeal in March, called the ruling unfair. \"We will "
        "appeal again,\" Miyagi told reporters.\n\n"
        "Nearby, Hanako Ishida, 80, sat in the shade. \"I have waited long enough,\" she "
        "said.\n\n"
        "\"The courts are not the last word,\" he said later in the day.",
        governor, 3, NULL);
    s = find(&r, "The courts");
    CHECK_STR(id_of(s), "taro-miyagi");
    CHECK(s && s->confidence < 0.7);
    CHECK_STR(id_of(find(&r, "I have waited")), "hanako-ishida");
    done(&r);
    run(&r,
        "Gov. Taro Miyagi and his deputy, Jun Ota, left early.\n\n"
        "Nearby, Hanako Ishida, 80, sat in the shade. \"I have waited long enough,\" she "
        "said.\n\n"
        "\"The courts are not the last word,\" he said later in the day.",
        two_unknown, 3, NULL);
    s = find(&r, "The courts");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    /* "she" after a speaker of unknown gender, with a woman named just before: either */
    run(&r,
        "Foreign Minister Emi Tanabe said the talks had gone well.\n\n"
        "\"The rest will be built here,\" Sam Rowe said.\n\n"
        "\"This is about trust,\" she said.",
        rowe, 2, NULL);
    s = find(&r, "This is about");
    CHECK(s && s->speaker_id == NULL);
    done(&r);
    run(&r,
        "\"The rest will be built here,\" Sam Rowe said.\n\n"
        "\"This is about trust,\" she said.",
        rowe + 1, 1, NULL);
    CHECK_STR(id_of(find(&r, "This is about")), "sam-rowe");
    done(&r);
}

int main(void)
{
    test_blind_s_rules();
    test_blind_r_rules();
    test_blind_q2_rules();
    test_heldout_rules();
    test_quote_said_name();
    test_name_said_quote();
    test_told();
    test_colon();
    test_colon_with_cue_after();
    test_colon_across_paragraphs();
    test_according_to();
    test_pronoun_paragraph();
    test_pronoun_two_genders();
    test_pronoun_conflict_abstains();
    test_pronoun_two_speakers_abstains();
    test_unknown_name_abstains();
    test_told_object_is_not_a_rival();
    test_document_clauses();
    test_question_asked();
    test_continuation_next_paragraph();
    test_added_colon();
    test_organization();
    test_unnamed();
    test_document();
    test_partial();
    test_terms();
    test_straight_and_curly();
    test_nested_single_quotes();
    test_apostrophes();
    test_multi_paragraph();
    test_unbalanced_missing_close();
    test_unbalanced_reopen();
    test_date_role_mentioned();
    test_kind_names_and_empty();
    test_random_input();
    test_large_input();
    return unit_done("test_quotes");
}
