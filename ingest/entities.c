/* ingest/entities.c: entity extraction: gazetteer matches, names the gazetteer does not know
 * (titles, appositions, honorifics, organization and place cues, acronyms), coreference inside
 * a document (surnames, "Mr. X", "the defense minister"), metonyms, demonyms, roles and gender.
 * All passes are linear in the number of tokens (a few look a bounded distance around). */
#include "ingest/entities.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the lexicon: word classes by lower-case form ---- */

enum {
    L_TITLE = 1u << 0,    /* may be part of a title before a name: "foreign", "minister" */
    L_HEAD = 1u << 1,     /* a person's role noun: "minister", "spokesman", "fellow" */
    L_HON = 1u << 2,      /* honorific: "mr.", "ms." */
    L_ORGCUE = 1u << 3,   /* ends an organization name: "ministry", "party" */
    L_PLACECUE = 1u << 4, /* ends a place name: "island", "prefecture" */
    L_AGRCUE = 1u << 5,   /* ends an agreement name: "treaty" */
    L_PLACEPRE = 1u << 6, /* starts a place name: "camp", "mount" */
    L_FUNC = 1u << 7,     /* never a name by itself: "the", "however", "officials" */
    L_TIME = 1u << 8,     /* days and months */
    L_SPEECH = 1u << 9,   /* "said", "told" */
    L_AGENT = 1u << 10,   /* verbs a government does (prefixes): "announc", "decid" */
    L_PART = 1u << 11,    /* name particles: "de", "van", "bin" */
    L_GIVEN = 1u << 12,   /* common given names */
    L_CONN = 1u << 13,    /* connectors inside names and titles: "of", "for" */
    L_PRON_M = 1u << 14,
    L_PRON_F = 1u << 15,
    L_ZH = 1u << 16,         /* Chinese and Korean family names */
    L_ROLEREF = 1u << 17,    /* heads of a title used alone: "the minister" */
    L_AUX = 1u << 18,        /* auxiliaries and adverbs between a subject and its verb */
    L_LOCPREP = 1u << 19,    /* "in", "at", "near": a place follows */
    L_GOVNOUN = 1u << 20,    /* "Beijing's position": a government's */
    L_OBJVERB = 1u << 21,    /* verbs whose object is a government: "urged Tokyo" */
    L_PLURAL = 1u << 22,     /* plural cues that distribute: "Islands", "Provinces" */
    L_QUALMOD = 1u << 23,    /* role modifiers that make a different office: "assistant" */
    L_DET = 1u << 24,        /* "the", "a", "an" */
    L_SUFFIX = 1u << 25,     /* name suffixes: "jr.", "iii" */
    L_STANDALONE = 1u << 26, /* institutions named by one word: "Congress", "Diet" */
    L_PLACENOUN = 1u << 27,  /* "the city of X": "city", "island" */
    L_GENERIC = 1u << 28,    /* words of generic organization names: "foreign", "ministry" */
    L_SMALL = 1u << 29,      /* small words a headline leaves in lower case: "of", "on" */
    L_GIVEN_M = 1u << 30,    /* given names borne (almost) only by men: "timothy", "hiroshi" */
};
/* given names borne (almost) only by women: "laura", "keiko" (not in the enum: an enumerator
 * must fit in an int) */
#define L_GIVEN_F (1u << 31)

struct lex_list {
    unsigned flags;
    const char *const *words;
    size_t count;
};

/* clang-format off */
static const char *const lex_title[] = {
    "secretary", "minister", "president", "vice", "deputy", "assistant", "under", "undersecretary",
    "under-secretary", "prime", "premier", "chief", "cabinet", "foreign", "defense", "defence",
    "state", "economy", "trade", "industry", "finance", "justice", "home", "interior",
    "environment", "agriculture", "transport", "education", "health", "commerce", "treasury",
    "energy", "homeland", "security", "national", "affairs", "senior", "parliamentary", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "special", "director", "director-general",
    "general", "gen.", "lt.", "maj.", "col.", "adm.", "admiral", "rear", "brig.", "colonel",
    "captain", "capt.", "sgt.", "sen.", "senator", "rep.", "representative", "gov.", "governor",
    "mayor", "chairman", "chairwoman", "chair", "commander", "chancellor", "king", "queen",
    "emperor", "crown", "prince", "princess", "judge", "speaker", "leader", "councilor",
    "councillor", "counselor", "press", "intelligence", "joint", "staff", "chiefs", "adviser",
    "advisor", "coordinator", "lawmaker", "consul", "acting", "former", "then", "new", "top",
    "incoming", "outgoing", "current", "war", "navy", "army", "air", "force", "lieutenant",
    "sergeant", "major", "legislator", "congressman", "congresswoman", "delegate", "negotiator",
    "head", "regional", "policy", "planning", "public", "diplomacy", "executive", "external",
    "internal", "international", "relations", "land", "infrastructure", "tourism", "fisheries",
    "forestry", "welfare", "labor", "labour", "communications", "science", "technology", "culture",
    "reconstruction", "revitalization", "okinawa", "cyber", "economic", "fiscal", "cooperation",
    "development", "administration", "ministry", "department", "agency", "office", "bureau",
    "general-secretary", "secretary-general", "vice-president", "vice-minister", "vice-premier",
    "deputy-director", "first", "second", "lt", "gen", "col", "adm", "maj", "sen", "gov", "rep",
    "amb.", "amb", "u.n.", "pacific", "fleet", "commandant", "secretaries", "ministers", "premiers",
    "presidents", "chiefs", "military", "counterterrorism", "nuclear", "arms", "control",
    "disarmament", "asian", "east", "asia", "ex", "interim", "designate", "elect", "and", "of",
    "for", "to", "the", "on"
};

static const char *const lex_head[] = {
    "minister", "secretary", "president", "premier", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "envoy", "director", "director-general", "chief", "head", "leader", "chairman",
    "chairwoman", "chair", "chairperson", "governor", "gov.", "mayor", "senator", "sen.",
    "representative", "rep.", "lawmaker", "congressman", "congresswoman", "legislator", "official",
    "officer", "diplomat", "adviser", "advisor", "aide", "analyst", "expert", "specialist",
    "scholar", "professor", "researcher", "fellow", "member", "commander", "general", "gen.",
    "admiral", "adm.", "colonel", "col.", "captain", "capt.", "lieutenant", "lt.", "sergeant",
    "sgt.", "maj.", "chancellor", "king", "queen", "emperor", "prince", "princess", "counselor",
    "councilor", "councillor", "coordinator", "negotiator", "undersecretary", "under-secretary",
    "correspondent", "reporter", "editor", "journalist", "delegate", "administrator", "strategist",
    "economist", "lawyer", "attorney", "consul", "executive", "founder", "co-founder", "cofounder",
    "manager", "commissioner", "inspector", "judge", "prosecutor", "activist", "dean", "lecturer",
    "author", "historian", "secretary-general", "general-secretary", "vice-president",
    "vice-minister", "vice-premier", "commandant", "organizer", "organiser", "staffer", "columnist",
    "commentator", "chief", "co-leader", "co-chair", "co-chairman", "deputy", "attache", "attaché",
    "secretary", "ceo", "chairman", "pilot", "captain", "mp", "candidate", "nominee", "emissary",
    "agent", "partner", "researcher", "academic", "physicist", "engineer", "director", "principal",
    "justice", "speaker", "treasurer", "minister-counselor", "curator", "teacher", "doctor",
    "nurse", "student", "farmer", "fisherman", "owner", "worker", "priest", "monk", "soldier",
    "veteran", "volunteer", "protester", "architect", "artist", "businessman", "businesswoman",
    "entrepreneur", "banker", "consultant", "lecturer", "instructor", "trainer", "coach", "chef",
    "writer", "novelist", "poet", "photographer", "filmmaker", "broadcaster", "presenter",
    "surgeon", "scientist", "engineer", "technician", "officer", "director-general", "archivist",
    "librarian", "principal", "mayor-elect", "governor-elect", "counterpart", "predecessor",
    "successor", "colleague"
};

static const char *const lex_hon[] = {
    "mr.", "mrs.", "ms.", "miss", "dr.", "prof.", "mme.", "mr", "mrs", "ms", "dr", "messrs.",
    "mlle.",
    /* "Senator the Hon Marise Payne": the Australian style for ministers */
    "hon", "hon."
};

static const char *const lex_orgcue[] = {
    "ministry", "department", "agency", "committee", "council", "bank", "party", "forces", "force",
    "bureau", "assembly", "union", "guard", "institute", "institution", "foundation", "center",
    "centre", "university", "college", "corps", "command", "fund", "commission", "authority",
    "board", "organization", "organisation", "association", "federation", "league", "secretariat",
    "parliament", "congress", "court", "embassy", "consulate", "navy", "army", "office", "police",
    "service", "services", "company", "corporation", "corp.", "inc.", "ltd.", "co.", "society",
    "academy", "laboratory", "network", "times", "post", "journal", "daily", "herald", "tribune",
    "gazette", "shimbun", "headquarters", "programme", "diet", "senate", "forum", "group",
    "coalition", "movement", "front", "brigade", "regiment", "division", "fleet", "squadron",
    "wing", "battalion", "airlines", "airways", "industries", "bloc", "conference", "directorate",
    "tribunal", "caucus", "museum", "library", "hospital", "school", "observatory"
};

static const char *const lex_placecue[] = {
    "province", "provinces", "prefecture", "prefectures", "island", "islands", "isles", "sea",
    "strait", "straits", "base", "station", "peninsula", "river", "bay", "ocean", "gulf", "channel",
    "reef", "reefs", "atoll", "airport", "harbor", "harbour", "mountains", "mountain", "valley",
    "county", "district", "region", "square", "shrine", "temple", "airfield", "port", "canal",
    "desert", "plateau", "archipelago", "coast", "lake", "park", "palace", "bridge", "ward",
    "village", "city", "town", "heights", "range", "shoal", "shoals", "cape", "hill", "hills",
    "dome", "monument", "castle", "stadium", "tower", "cathedral", "memorial"
};

static const char *const lex_agrcue[] = {
    "treaty", "agreement", "accord", "accords", "pact", "declaration", "protocol", "convention",
    "charter", "communique", "communiqué", "guidelines", "act", "roadmap"
};

static const char *const lex_placepre[] = {
    "camp", "mount", "mt.", "lake", "cape", "fort", "port", "gulf", "sea", "strait", "bay", "isle",
    "mount.", "lake"
};

static const char *const lex_func[] = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they", "i",
    "you", "his", "her", "their", "our", "my", "your", "but", "and", "or", "nor", "if", "when",
    "while", "as", "at", "in", "on", "for", "with", "by", "from", "to", "of", "after", "before",
    "under", "over", "since", "although", "though", "because", "meanwhile", "however", "also", "so",
    "yet", "still", "both", "each", "every", "all", "some", "many", "most", "such", "other",
    "another", "ironically", "earlier", "later", "last", "next", "yesterday", "today", "tomorrow",
    "tonight", "there", "here", "then", "now", "thus", "hence", "instead", "indeed", "even", "only",
    "just", "not", "no", "yes", "what", "which", "who", "whom", "whose", "where", "why", "how",
    "among", "amid", "about", "above", "across", "against", "along", "around", "behind", "below",
    "beside", "between", "beyond", "despite", "during", "except", "inside", "into", "like", "near",
    "off", "onto", "outside", "through", "throughout", "toward", "towards", "until", "upon", "via",
    "within", "without", "once", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "first", "second", "third", "several", "few", "more", "less", "much", "any",
    "either", "neither", "officials", "official", "analysts", "experts", "critics", "residents",
    "opponents", "supporters", "officers", "diplomats", "lawmakers", "sources", "reporters",
    "people", "speaking", "asked", "according", "under", "unlike", "whether", "whereas", "unless",
    "overall", "again", "already", "always", "never", "often", "perhaps", "rather", "soon",
    "together", "afterward", "afterwards", "finally", "further", "furthermore", "moreover",
    "nevertheless", "nonetheless", "otherwise", "similarly", "specifically", "separately", "asked",
    "told", "said", "says", "adding", "noting", "citing", "given", "following", "including",
    "regarding", "concerning", "do", "does", "did", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "will", "would", "should", "could", "can", "may", "might", "must", "shall",
    "let", "please", "thank", "thanks", "dear", "mr", "mrs", "ms", "editor's", "editors", "photo",
    "video", "image", "images", "read", "see", "click", "share", "email", "print", "subscribe",
    "comments", "advertisement", "related", "breaking", "coverage", "update", "updated", "version",
    "page", "most", "popular", "headlines", "pick", "hot", "latest", "more", "full", "story",
    "stories", "article", "articles", "section", "menu", "search", "login", "sign", "register",
    "contact", "about", "terms", "privacy", "copyright", "all", "rights", "reserved", "ministers",
    "ministries", "countries", "nations", "allies", "asked", "ask", "japan-u.s.", "u.s.-japan",
    "there's", "it's", "that's", "here's", "what's", "let's", "we're", "they're", "i'm", "don't",
    "doesn't", "didn't", "won't", "can't", "isn't", "aren't", "wasn't", "weren't", "mr.", "ms.",
    "mrs.", "dr.", "prof.", "sir", "madam", "ladies", "gentlemen", "none", "nobody", "someone",
    "something", "everyone", "everything", "anyone", "anything", "nothing", "tuesday's", "our",
    "ours", "us", "them", "him", "me", "own", "same", "different", "very", "too", "well", "best",
    "better", "good", "great", "big", "small", "large", "long", "short", "high", "low", "early",
    "late", "recent", "recently", "previously", "initially", "currently", "typically",
    "traditionally", "historically", "privately", "publicly", "officially", "reportedly",
    "apparently", "clearly", "certainly", "probably", "possibly", "likely", "unlikely",
    "ultimately", "eventually", "immediately", "quickly", "slowly", "hours", "days", "weeks",
    "months", "years", "decades", "minutes", "hour", "day", "week", "month", "year", "decade",
    "minute", "morning", "afternoon", "evening", "night", "noon", "midnight", "ago", "experts",
    "polls", "surveys", "data", "figures", "statistics", "it", "note", "notes", "editor", "source",
    "sources", "background", "analysis", "opinion", "commentary", "interview", "transcript",
    "question", "answer", "q", "q.", "a.", "text", "full", "summary", "highlights", "timeline"
};

static const char *const lex_time[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
    "oct.", "nov.", "dec.", "christmas", "easter", "spring", "summer", "autumn", "fall", "winter",
    "mon.", "tue.", "wed.", "thu.", "fri.", "sat.", "sun."
};

static const char *const lex_speech[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "stated", "states",
    "explained", "explains", "argued", "argues", "wrote", "writes", "asked", "asks", "warned",
    "warns", "insisted", "insists", "replied", "replies", "recalled", "recalls", "acknowledged",
    "acknowledges", "declared", "declares", "announced", "announces", "stressed", "stresses",
    "emphasized", "emphasizes", "urged", "urges", "remarked", "observed", "commented", "conceded",
    "concedes", "contended", "maintained", "suggested", "suggests", "predicted", "believes",
    "believed", "thinks", "thought", "hopes", "hoped", "called", "calls", "described", "describes",
    "pointed", "welcomed", "welcomes", "criticized", "criticizes", "praised", "praises", "denied",
    "denies", "confirmed", "confirms", "responded", "responds", "agreed", "agrees", "promised",
    "promises", "vowed", "vows", "pledged", "pledges", "questioned", "rejected", "rejects",
    "dismissed", "expressed", "expresses", "spoke", "speaks", "testified", "testifies", "tweeted",
    "posted", "briefed", "discussed", "met", "visited", "visits", "arrived", "left", "signed",
    "signs", "attended", "attends", "hosted", "hosts", "led", "leads", "headed", "heads", "chaired",
    "chairs", "proposed", "proposes", "plans", "planned", "wants", "wanted", "declined", "declines",
    "refused", "refuses", "apologized", "apologizes", "resigned", "resigns", "served", "serves",
    "was", "is", "has", "had", "will", "would"
};

static const char *const lex_agent[] = {
    "say", "said", "state", "announc", "decid", "agree", "warn", "protest", "oppos", "insist",
    "want", "hope", "expect", "urg", "demand", "reject", "deni", "deny", "accus", "claim", "welcom",
    "refus", "plan", "lodg", "call", "ask", "seek", "sought", "respond", "react", "argu",
    "complain", "criticiz", "condemn", "threaten", "pledg", "promis", "propos", "offer", "approv",
    "consider", "believ", "fear", "worr", "see", "saw", "view", "regard", "need", "intend", "push",
    "press", "retaliat", "impos", "sign", "negotiat", "join", "back", "support", "recogni",
    "reaffirm", "confirm", "acknowledg", "told", "tell", "made", "make", "took", "take", "chose",
    "choos", "tri", "try", "held", "hold", "remain", "continu", "dispatch", "send", "sent",
    "deploy", "summon", "express", "voic", "question", "challeng", "blam", "lobb", "court",
    "insist", "announc", "stress", "repeat", "vow", "object", "resist", "refus", "balk", "bristl",
    "fum", "suspect", "doubt", "favor", "favour", "prefer", "grant", "allow", "permit", "block",
    "veto", "ban", "sanction", "ratif", "endors", "adopt", "launch", "begin", "began", "start",
    "stop", "halt", "end", "cancel", "postpon", "delay", "suspend", "resum", "accept", "declin",
    "deploy", "order", "instruct", "direct", "ask", "invit", "host", "approach", "engag",
    "cooperat", "collaborat", "work", "strive", "aim", "seem", "appear", "look", "watch", "monitor",
    "observ", "track", "count", "rel", "depend", "pay", "paid", "spend", "spent", "bought", "buy",
    "sold", "sell", "gave", "give", "got", "get", "won", "win", "lost", "lose", "is lock"
};

static const char *const lex_part[] = {
    "de", "del", "della", "der", "den", "van", "von", "da", "di", "du", "dos", "das", "la", "le",
    "bin", "al", "ibn", "ter", "ten", "y", "zu", "st."
};

static const char *const lex_given[] = {
    "john", "james", "michael", "robert", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul",
    "andrew", "joshua", "kenneth", "kevin", "brian", "george", "edward", "ronald", "timothy",
    "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry",
    "justin", "scott", "brandon", "benjamin", "samuel", "frank", "gregory", "raymond", "alexander",
    "patrick", "jack", "dennis", "jerry", "tyler", "aaron", "henry", "douglas", "peter", "adam",
    "nathan", "zachary", "walter", "kyle", "harold", "carl", "arthur", "gerald", "roger", "keith",
    "jeremy", "lawrence", "sean", "christian", "albert", "joe", "ethan", "austin", "jesse",
    "willie", "billy", "bryan", "bruce", "jordan", "ralph", "roy", "noah", "dylan", "eugene",
    "wayne", "alan", "juan", "louis", "russell", "gabriel", "randy", "philip", "harry", "vincent",
    "bobby", "johnny", "logan", "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara",
    "susan", "jessica", "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley",
    "kimberly", "emily", "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah",
    "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley", "angela",
    "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine",
    "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane",
    "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan",
    "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances",
    "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris",
    "abigail", "julia", "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle",
    "theresa", "sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte", "rose",
    "alexis", "kayla", "caroline", "sheila", "susan", "kurt", "rex", "chuck", "leon", "ash",
    "ashton", "mike", "hillary", "condoleezza", "colin", "madeleine", "warren", "dick", "les",
    "jim", "lloyd", "pete", "marco", "antony", "tony", "bill", "barack", "wallace", "porter",
    "caroline", "rahm", "bernard", "ben", "hans", "klaus", "jean", "pierre", "francois", "ivan",
    "sergei", "vladimir", "dmitry", "yuri", "ahmed", "mohammed", "muhammad", "ali", "hassan",
    "omar", "ken", "ted", "tom", "tim", "bob", "rob", "dan", "dave", "steve", "jeff", "greg",
    "matt", "nick", "sam", "max", "alex", "ed", "fred", "ron", "don", "jon", "jay", "ray", "roy",
    "glenn", "craig", "todd", "neil", "ian", "colin", "stuart", "graham", "malcolm", "duncan",
    "hugh", "nigel", "simon", "philip", "penny", "marise", "julie", "kevin", "scott", "malcolm",
    "tony", "kim", "moon", "yoon", "lee", "park", "narendra", "rajnath", "subrahmanyam", "shinzo",
    "taro", "yoshihide", "fumio", "shigeru", "sanae", "yukio", "naoto", "yoshihiko", "junichiro",
    "ryutaro", "keizo", "yoshiro", "yasuo", "tomiichi", "morihiro", "tsutomu", "kiichi", "toshiki",
    "hiroshi", "takeshi", "kenji", "akira", "takashi", "yuki", "yuko", "keiko", "naomi", "hiroki",
    "kenta", "shinji", "tadashi", "satoshi", "makoto", "koji", "kazuo", "masahiro", "haruki",
    "ichiro", "jiro", "saburo", "shiro", "akiko", "yoko", "michiko", "hiroko", "tomoko", "mariko",
    "emiko", "kazuko", "nobuo", "itsunori", "gen", "minoru", "yasukazu", "tomomi", "katsuya",
    "seiji", "takeaki", "koichiro", "hirofumi", "yoriko", "nobutaka", "makiko", "yohei",
    "yoshimasa", "yoko", "takeshi", "toshimitsu", "hirokazu", "susumu", "mizuho", "kazuyoshi",
    "nobushige", "akinori", "yasuhiro", "fumiko", "akemi", "hiroyuki", "tetsuya", "daisuke",
    "ryota", "shota", "yuta", "sho", "ren", "haruto", "sota", "yuto", "chip", "chris", "jane",
    "geoff", "geoffrey", "marcus", "eddie", "carlos", "jose", "luis", "miguel", "antonio", "manuel",
    "francisco", "rodrigo", "ferdinand", "gloria", "corazon", "benigno", "joseph", "rodrigo",
    "albert", "teodoro", "enrique"
};

/* Given names that tell a person's gender when nothing else in the text does (no honorific,
 * no gazetteer row, no he/she after the name). Names used by both are left out. */
static const char *const lex_given_m[] = {
    "john", "james", "michael", "robert", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul",
    "andrew", "kenneth", "kevin", "brian", "george", "edward", "ronald", "timothy", "jason",
    "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry",
    "justin", "scott", "brandon", "benjamin", "samuel", "frank", "gregory", "raymond", "patrick",
    "jack", "dennis", "jerry", "aaron", "henry", "douglas", "peter", "adam", "nathan", "walter",
    "harold", "carl", "arthur", "gerald", "roger", "keith", "jeremy", "lawrence", "sean",
    "albert", "ethan", "bruce", "ralph", "eugene", "wayne", "alan", "louis", "russell", "philip",
    "harry", "vincent", "kurt", "mike", "colin", "warren", "jim", "lloyd", "pete", "marco", "tom",
    "tim", "bob", "steve", "jeff", "greg", "matt", "fred", "ron", "craig", "todd", "neil", "ian",
    "stuart", "graham", "malcolm", "hugh", "nigel", "simon", "hiroshi", "takeshi", "kenji",
    "takashi", "kenta", "shinji", "tadashi", "satoshi", "koji", "kazuo", "masahiro", "ichiro",
    "jiro", "saburo", "nobuo", "minoru", "katsuya", "seiji", "koichiro", "hirofumi", "nobutaka",
    "yoshimasa", "toshimitsu", "hirokazu", "susumu", "kazuyoshi", "akinori", "yasuhiro",
    "hiroyuki", "tetsuya", "daisuke", "ryota", "shota", "yuta", "haruto", "sota", "yuto",
    "tetsuo", "hideki", "masaru", "yoshio", "toshio", "kenichi", "shunji", "tatsuya", "denny",
    "enrique", "ferdinand", "gilberto", "rodrigo", "benigno", "carlos", "jose", "luis", "miguel",
    "antonio", "manuel", "francisco"};
static const char *const lex_given_f[] = {
    "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah",
    "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily",
    "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie",
    "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley", "angela", "helen",
    "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "rachel",
    "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie",
    "joyce", "victoria", "olivia", "lauren", "joan", "evelyn", "judith", "megan", "martha",
    "hannah", "gloria", "ann", "teresa", "kathryn", "sara", "alice", "julia", "grace", "denise",
    "claire", "ellen", "diana", "natalie", "charlotte", "caroline", "sheila", "hillary",
    "madeleine", "condoleezza", "penny", "marise", "keiko", "yuko", "naomi", "akiko", "yoko",
    "michiko", "hiroko", "tomoko", "mariko", "emiko", "kazuko", "tomomi", "yoriko", "makiko",
    "mizuho", "fumiko", "akemi", "sanae", "yuriko", "naoko", "rina", "emi", "ayumi", "sachiko",
    "noriko", "junko", "kyoko", "megumi", "haruka"};

static const char *const lex_conn[] = {
    "of", "for", "to", "and", "on", "the", "at", "in", "&", "with", "between", "de", "del"
};
static const char *const lex_pron_m[] = {
    "he", "him", "his", "himself"
};
static const char *const lex_pron_f[] = {
    "she", "her", "hers", "herself"
};

static const char *const lex_zh[] = {
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
    "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han",
    "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang",
    "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "jin", "fu", "qian",
    "xi", "geng", "hua", "wen", "qin", "bo", "kong", "mao", "chiang", "tsai", "lai", "ko", "hou",
    "kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "shin", "moon",
    "ahn", "hong", "yoo", "ko", "wong", "chan", "cheung", "leung", "ho", "lam", "ng", "tsang",
    "yip"
};

static const char *const lex_roleref[] = {
    "minister", "secretary", "president", "premier", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "governor", "mayor", "director", "director-general", "chairman", "chairwoman",
    "envoy", "commander", "chancellor", "senator", "chief", "negotiator", "coordinator", "adviser",
    "advisor", "emperor", "admiral", "general", "colonel", "lawmaker", "congressman",
    "congresswoman", "professor", "judge", "curator"
};

static const char *const lex_aux[] = {
    "has", "had", "have", "will", "would", "should", "must", "can", "could", "may", "might", "did",
    "does", "do", "also", "still", "not", "never", "repeatedly", "nevertheless", "already",
    "quickly", "publicly", "formally", "officially", "reportedly", "has", "apparently", "now",
    "then", "again", "too", "firmly", "strongly", "immediately", "swiftly", "angrily", "sharply",
    "long", "clearly", "privately", "only", "just", "is", "was", "are", "were", "be", "been",
    "being", "largely", "generally", "always", "often", "previously", "initially", "ultimately",
    "eventually", "finally", "increasingly", "consistently", "insistently", "openly", "quietly",
    "reluctantly", "separately", "indirectly", "directly", "first", "later", "soon", "recently",
    "yesterday", "today", "itself", "both"
};

static const char *const lex_locprep[] = {
    "in", "at", "near", "from", "to", "into", "outside", "inside", "across", "around", "via",
    "toward", "towards", "off", "through", "reached", "visited", "visit", "visiting", "arrived",
    "left", "leaving", "flew", "traveled", "travelled", "returned", "onto"
};

static const char *const lex_govnoun[] = {
    "position", "positions", "policy", "policies", "plan", "plans", "decision", "decisions",
    "military", "government", "stance", "claim", "claims", "ally", "allies", "relations",
    "response", "concern", "concerns", "interest", "interests", "effort", "efforts", "commitment",
    "approach", "demand", "demands", "proposal", "proposals", "rebalance", "modernization",
    "buildup", "build-up", "support", "refusal", "insistence", "intentions", "leaders",
    "leadership", "officials", "diplomats", "diplomacy", "strategy", "move", "moves", "request",
    "requests", "pressure", "assertiveness", "ambitions", "objections", "opposition", "reaction",
    "warning", "warnings", "assurances", "view", "views", "calculations", "resolve", "side",
    "defense", "defence", "security", "envoy", "envoys", "negotiators", "ties", "alliance",
    "partner", "partners", "protests", "protest", "actions", "behavior", "behaviour", "aggression",
    "threats", "threat", "message", "red", "patience", "expectations", "goals", "aims",
    "priorities", "influence", "economic", "wishes", "consent", "approval", "backing", "blessing",
    "control", "sovereignty", "nuclear", "missile", "missiles", "troops", "forces", "navy", "army",
    "spending", "limits", "restrictions", "curbs", "sanctions", "tariffs", "controls"
};

static const char *const lex_objverb[] = {
    "urged", "urge", "urges", "urging", "pressed", "press", "presses", "pressing", "warned", "warn",
    "warns", "warning", "recognize", "recognized", "recognizes", "recognizing", "recognise",
    "recognised", "told", "tell", "tells", "criticized", "criticize", "criticizes", "criticizing",
    "accused", "accuse", "accuses", "accusing", "asked", "ask", "asks", "asking", "persuade",
    "persuaded", "reassure", "reassured", "reassuring", "assure", "assured", "assuring",
    "pressured", "pressure", "pressuring", "angered", "anger", "rankled", "rankle", "provoked",
    "provoke", "provoking", "confront", "confronted", "challenged", "challenge", "defy", "defied",
    "sanctioned", "sanction", "lobbied", "lobby", "lobbying", "with", "against", "between", "by",
    "toward", "towards", "for", "upon", "joined", "join", "backed", "supported", "support",
    "notified", "informed", "inform", "irritated", "alarmed", "reassure", "trust", "trusted",
    "distrust", "blamed", "blame", "thanked", "congratulated", "contacted", "consulted", "consult",
    "convince", "convinced", "encouraged", "encourage", "engage", "engaged", "engaging", "deter",
    "deterred", "deterring", "punish", "punished", "isolate", "isolated", "deal"
};

static const char *const lex_plural[] = {
    "provinces", "islands", "prefectures", "straits", "isles", "reefs", "shoals", "ministries",
    "mountains", "hills", "heights"
};

static const char *const lex_qualmod[] = {
    "assistant", "deputy", "vice", "under", "undersecretary", "parliamentary", "acting", "former",
    "associate", "junior", "vice-minister", "under-secretary", "principal", "senior", "ex"
};

static const char *const lex_det[] = {
    "the", "a", "an"
};
static const char *const lex_small[] = {
    "of", "and", "the", "to", "in", "on", "with", "for", "a", "an", "at", "by", "vs", "from", "as",
    "or", "over", "into", "after", "amid", "'s"
};
static const char *const lex_suffix[] = {
    "jr.", "sr.", "ii", "iii", "iv", "jr", "sr"
};
static const char *const lex_standalone[] = {
    "congress", "parliament", "diet", "senate", "knesset", "bundestag", "duma", "kremlin",
    "politburo", "legislature"
};
static const char *const lex_placenoun[] = {
    "city", "town", "village", "island", "islands", "capital", "prefecture", "province", "region",
    "district", "county", "port", "state", "territory", "atoll", "peninsula", "suburb",
    "archipelago", "islet", "harbor", "harbour", "municipality", "area"
};
static const char *const lex_generic[] = {
    "foreign", "defense", "defence", "ministry", "department", "agency", "affairs", "of", "the",
    "and", "state", "home", "interior", "finance", "trade", "economy", "justice", "security",
    "national", "council", "coast", "guard", "self-defense", "forces", "force", "air", "maritime",
    "ground", "navy", "army", "embassy", "consulate", "office", "cabinet", "secretariat",
    "industry", "intelligence", "central", "committee", "bureau", "-"
};
/* clang-format on */

#define LEX_N(a) (sizeof(a) / sizeof((a)[0]))

static const struct lex_list lex_lists[] = {{L_TITLE, lex_title, LEX_N(lex_title)},
                                            {L_HEAD, lex_head, LEX_N(lex_head)},
                                            {L_HON, lex_hon, LEX_N(lex_hon)},
                                            {L_ORGCUE, lex_orgcue, LEX_N(lex_orgcue)},
                                            {L_PLACECUE, lex_placecue, LEX_N(lex_placecue)},
                                            {L_AGRCUE, lex_agrcue, LEX_N(lex_agrcue)},
                                            {L_PLACEPRE, lex_placepre, LEX_N(lex_placepre)},
                                            {L_FUNC, lex_func, LEX_N(lex_func)},
                                            {L_TIME, lex_time, LEX_N(lex_time)},
                                            {L_SPEECH, lex_speech, LEX_N(lex_speech)},
                                            {L_PART, lex_part, LEX_N(lex_part)},
                                            {L_GIVEN, lex_given, LEX_N(lex_given)},
                                            {L_CONN, lex_conn, LEX_N(lex_conn)},
                                            {L_GIVEN_M, lex_given_m, LEX_N(lex_given_m)},
                                            {L_GIVEN_F, lex_given_f, LEX_N(lex_given_f)},
                                            {L_PRON_M, lex_pron_m, LEX_N(lex_pron_m)},
                                            {L_PRON_F, lex_pron_f, LEX_N(lex_pron_f)},
                                            {L_ZH, lex_zh, LEX_N(lex_zh)},
                                            {L_ROLEREF, lex_roleref, LEX_N(lex_roleref)},
                                            {L_AUX, lex_aux, LEX_N(lex_aux)},
                                            {L_LOCPREP, lex_locprep, LEX_N(lex_locprep)},
                                            {L_GOVNOUN, lex_govnoun, LEX_N(lex_govnoun)},
                                            {L_OBJVERB, lex_objverb, LEX_N(lex_objverb)},
                                            {L_PLURAL, lex_plural, LEX_N(lex_plural)},
                                            {L_QUALMOD, lex_qualmod, LEX_N(lex_qualmod)},
                                            {L_DET, lex_det, LEX_N(lex_det)},
                                            {L_SUFFIX, lex_suffix, LEX_N(lex_suffix)},
                                            {L_STANDALONE, lex_standalone, LEX_N(lex_standalone)},
                                            {L_PLACENOUN, lex_placenoun, LEX_N(lex_placenoun)},
                                            {L_GENERIC, lex_generic, LEX_N(lex_generic)},
                                            {L_SMALL, lex_small, LEX_N(lex_small)}};

/* ---- the per-call lexicon hash (built per call: no global state, safe for threads) ---- */

struct lex_entry {
    const char *word;
    unsigned flags;
};

struct lex {
    struct lex_entry *slots;
    size_t cap;
};

static uint64_t lex_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static unsigned lex_get(const struct lex *lx, const char *w)
{
    size_t mask = lx->cap - 1;
    for (size_t i = lex_hash(w) & mask; lx->slots[i].word; i = (i + 1) & mask)
        if (strcmp(lx->slots[i].word, w) == 0)
            return lx->slots[i].flags;
    return 0;
}

static void lex_put(struct lex *lx, const char *w, unsigned flags)
{
    size_t mask = lx->cap - 1, i;
    for (i = lex_hash(w) & mask; lx->slots[i].word; i = (i + 1) & mask)
        if (strcmp(lx->slots[i].word, w) == 0) {
            lx->slots[i].flags |= flags;
            return;
        }
    lx->slots[i].word = w;
    lx->slots[i].flags = flags;
}

static int lex_build(struct lex *lx)
{
    size_t total = 0;

    for (size_t k = 0; k < LEX_N(lex_lists); k++)
        total += lex_lists[k].count;
    for (lx->cap = 1024; lx->cap < total * 2; lx->cap *= 2)
        ;
    lx->slots = calloc(lx->cap, sizeof(*lx->slots));
    if (!lx->slots)
        return -1;
    for (size_t k = 0; k < LEX_N(lex_lists); k++)
        for (size_t i = 0; i < lex_lists[k].count; i++)
            lex_put(lx, lex_lists[k].words[i], lex_lists[k].flags);
    return 0;
}

/* A set of strings (not owned) with open addressing; grows. */
struct strset {
    const char **slots;
    size_t cap, count;
};

static int strset_add(struct strset *s, const char *w)
{
    size_t mask, i;

    if ((s->count + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 512;
        const char **n = calloc(cap, sizeof(*n));
        if (!n)
            return -1;
        for (size_t k = 0; k < s->cap; k++) {
            if (!s->slots[k])
                continue;
            for (i = lex_hash(s->slots[k]) & (cap - 1); n[i]; i = (i + 1) & (cap - 1))
                ;
            n[i] = s->slots[k];
        }
        free(s->slots);
        s->slots = n;
        s->cap = cap;
    }
    mask = s->cap - 1;
    for (i = lex_hash(w) & mask; s->slots[i]; i = (i + 1) & mask)
        if (strcmp(s->slots[i], w) == 0)
            return 0;
    s->slots[i] = w;
    s->count++;
    return 0;
}

static int strset_has(const struct strset *s, const char *w)
{
    size_t mask;
    if (!s->cap)
        return 0;
    mask = s->cap - 1;
    for (size_t i = lex_hash(w) & mask; s->slots[i]; i = (i + 1) & mask)
        if (strcmp(s->slots[i], w) == 0)
            return 1;
    return 0;
}

/* ---- candidates and the extraction context ---- */

struct ent_cand {
    size_t t0, t1; /* tokens [t0, t1) */
    enum ingest_entity_type type;
    long kb;    /* gazetteer row, or -1 */
    char *name; /* unknown entities: display name */
    char *id;   /* unknown entities: id when it is not slug(name) */
    const char *rule;
    char *role;  /* role stated in the text at this mention */
    char *title; /* the title before the name, when an apposition gave role */
    int demonym;
    char gender; /* from an honorific at this mention */
    int dead;
    int single; /* one-word person mention to resolve: surname, "Mr. X" */
    int words;  /* name words of a person (full names have two or more) */
    long ref;   /* the candidate this one refers to (identity), or -1 */
};

struct ent_ctx {
    const struct ingest_gazetteer *gz;
    const char *text;
    size_t len;
    const char *doc_date;
    struct ingest_tokens tk;
    size_t n;
    char *lower;           /* tk.norm lower-cased (same offsets) */
    unsigned *lx;          /* lexicon flags per token */
    long *owner;           /* candidate per token, or -1 */
    size_t *sent;          /* sentence number per token (own segmentation) */
    size_t *para;          /* paragraph number per token */
    unsigned char *sstart; /* 1: first word of a sentence */
    unsigned char *head;   /* 1: in a headline-like line */
    char *pc;              /* the character of a one-character punctuation token, or 0 */
    struct lex lex;
    struct strset lowerseen; /* words seen in lower case somewhere in the text */
    struct ent_cand *c;
    size_t nc, capc;
    int oom;
    /* gazetteer strings folded to lower-case ASCII, made when first needed: per row, its
     * aliases, then its name, surname and given name */
    char **kbf;
    size_t *kbf_base;
    size_t kbf_count;
};

static const char *W(const struct ent_ctx *x, size_t i) { return x->tk.norm + x->tk.tok[i].norm; }

static const char *LW(const struct ent_ctx *x, size_t i) { return x->lower + x->tk.tok[i].norm; }

static unsigned TF(const struct ent_ctx *x, size_t i) { return x->tk.tok[i].flags; }

static int is_w(const struct ent_ctx *x, size_t i, const char *w)
{
    if (i >= x->n)
        return 0;
    if (w[0] && !w[1] && !isalnum((unsigned char)w[0]))
        return x->pc[i] == w[0];
    return strcmp(W(x, i), w) == 0;
}

static int is_lw(const struct ent_ctx *x, size_t i, const char *w)
{
    return i < x->n && strcmp(LW(x, i), w) == 0;
}

static int is_word(const struct ent_ctx *x, size_t i)
{
    return i < x->n && (TF(x, i) & INGEST_TOK_WORD);
}

static int is_cap(const struct ent_ctx *x, size_t i)
{
    return i < x->n && (TF(x, i) & INGEST_TOK_CAP);
}

/* Token i follows token i-1 with no space ("U.S.-Japan", "Japan's"). */
static int glued(const struct ent_ctx *x, size_t i)
{
    return i < x->n && !(TF(x, i) & INGEST_TOK_SPACE);
}

static int is_ordinal(const struct ent_ctx *x, size_t i)
{
    const char *w = LW(x, i);
    size_t n = strlen(w);
    if (!(TF(x, i) & INGEST_TOK_DIGIT) || n < 3)
        return 0;
    return strcmp(w + n - 2, "th") == 0 || strcmp(w + n - 2, "st") == 0 ||
           strcmp(w + n - 2, "nd") == 0 || strcmp(w + n - 2, "rd") == 0;
}

static int same_sent(const struct ent_ctx *x, size_t a, size_t b)
{
    return a < x->n && b < x->n && x->sent[a] == x->sent[b];
}

/* A capitalized word that is capitalized only because it starts a sentence. */
static int merely_cap(const struct ent_ctx *x, size_t i)
{
    if (!x->sstart[i])
        return 0;
    return (x->lx[i] & (L_FUNC | L_TIME | L_DET)) || strset_has(&x->lowerseen, LW(x, i));
}

/* Copies the text of tokens [a, b) with runs of white space as one space. */
static char *span_text(const struct ent_ctx *x, size_t a, size_t b)
{
    size_t s = x->tk.tok[a].start, e = x->tk.tok[b - 1].end, n = 0;
    char *out = malloc(e - s + 1);
    int space = 0;

    if (!out)
        return NULL;
    for (size_t i = s; i < e; i++) {
        unsigned char ch = (unsigned char)x->text[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = 1;
            continue;
        }
        if (space && n)
            out[n++] = ' ';
        space = 0;
        out[n++] = (char)ch;
    }
    out[n] = '\0';
    return out;
}

/* Adds a candidate over tokens [a, b), taking them over. Returns its index, or -1 (OOM). */
static long cand_add(struct ent_ctx *x, size_t a, size_t b, enum ingest_entity_type type, long kb,
                     const char *rule)
{
    struct ent_cand *c;

    if (x->nc == x->capc) {
        size_t cap = x->capc ? x->capc * 2 : 64;
        struct ent_cand *p = realloc(x->c, cap * sizeof(*p));
        if (!p) {
            x->oom = 1;
            return -1;
        }
        x->c = p;
        x->capc = cap;
    }
    c = &x->c[x->nc];
    memset(c, 0, sizeof(*c));
    c->t0 = a;
    c->t1 = b;
    c->type = type;
    c->kb = kb;
    c->rule = rule;
    c->ref = -1;
    for (size_t i = a; i < b; i++)
        x->owner[i] = (long)x->nc;
    if (kb < 0) {
        c->name = span_text(x, a, b);
        if (!c->name)
            x->oom = 1;
    }
    return (long)x->nc++;
}

static void cand_kill(struct ent_ctx *x, long ci)
{
    struct ent_cand *c = &x->c[ci];
    c->dead = 1;
    for (size_t i = c->t0; i < c->t1; i++)
        if (x->owner[i] == ci)
            x->owner[i] = -1;
}

/* The candidate a mention stands for after coreference. */
static long cand_root(const struct ent_ctx *x, long ci)
{
    for (int guard = 0; x->c[ci].ref >= 0 && guard < 64; guard++)
        ci = x->c[ci].ref;
    return ci;
}

static const struct ent_cand *owner_cand(const struct ent_ctx *x, size_t i)
{
    return i < x->n && x->owner[i] >= 0 ? &x->c[x->owner[i]] : NULL;
}

static const struct ingest_kb_entity *kb_of(const struct ent_ctx *x, const struct ent_cand *c)
{
    return c->kb >= 0 ? ingest_gazetteer_entity(x->gz, (size_t)c->kb) : NULL;
}

static char *fold_lower(const char *s);

enum { KBF_NAME = 0, KBF_SURNAME = 1, KBF_GIVEN = 2 };

/* The folded lower-case form of a gazetteer row's string: which is KBF_* or 3 + an alias
 * index. NULL when the row has no such string (or on OOM, with x->oom set). */
static const char *kbf(struct ent_ctx *x, size_t row, size_t which)
{
    const struct ingest_kb_entity *e;
    const char *src;
    size_t slot;

    if (!x->kbf_base) {
        size_t rows = ingest_gazetteer_count(x->gz), total = 0;
        x->kbf_base = malloc((rows + 1) * sizeof(*x->kbf_base));
        if (!x->kbf_base) {
            x->oom = 1;
            return NULL;
        }
        for (size_t r = 0; r < rows; r++) {
            x->kbf_base[r] = total;
            total += 3 + ingest_gazetteer_entity(x->gz, r)->alias_count;
        }
        x->kbf_base[rows] = total;
        x->kbf_count = total;
        x->kbf = calloc(total + 1, sizeof(*x->kbf));
        if (!x->kbf) {
            x->oom = 1;
            return NULL;
        }
    }
    e = ingest_gazetteer_entity(x->gz, row);
    src = which == KBF_NAME            ? e->name
          : which == KBF_SURNAME       ? e->surname
          : which == KBF_GIVEN         ? e->given_name
          : which - 3 < e->alias_count ? e->aliases[which - 3]
                                       : NULL;
    if (!src)
        return NULL;
    slot = x->kbf_base[row] + which;
    if (!x->kbf[slot]) {
        x->kbf[slot] = fold_lower(src);
        if (!x->kbf[slot])
            x->oom = 1;
    }
    return x->kbf[slot];
}

/* ---- setup: tokens, lower case, lexicon flags, sentences, paragraphs, headlines ---- */

static int is_sent_end(const struct ent_ctx *x, size_t i)
{
    char c = x->pc[i];
    return c && strchr(".!?:;", c) != NULL;
}

static int is_opener(const struct ent_ctx *x, size_t i)
{
    char c = x->pc[i];
    return (c && strchr("\"'([-*|", c) != NULL) || strcmp(W(x, i), "\xE2\x80\xA2") == 0;
}

static void mark_headlines(struct ent_ctx *x)
{
    size_t i = 0;

    while (i < x->n) {
        size_t j = i + 1, words = 0, caps = 0, lows = 0;
        int list = 0;
        const char *last;
        while (j < x->n && !(TF(x, j) & INGEST_TOK_NEWLINE))
            j++;
        for (size_t k = i; k < j; k++) {
            /* "Participants: Secretary of State X; Acting Secretary of Defense Y": items
             * apart by semicolons make a list whose names are read as in running text */
            list |= x->pc[k] == ';';
            if (!(TF(x, k) & INGEST_TOK_WORD))
                continue;
            words++;
            if (TF(x, k) & (INGEST_TOK_CAP | INGEST_TOK_DIGIT))
                caps++;
            else if (!(x->lx[k] & L_SMALL))
                lows++;
        }
        last = W(x, j - 1);
        if (words >= 1 && !list && strcmp(last, ".") != 0 && strcmp(last, "?") != 0 &&
            strcmp(last, "!") != 0 && strcmp(last, "\"") != 0 && strcmp(last, ";") != 0 &&
            strcmp(last, ":") != 0 && !(TF(x, j - 1) & INGEST_TOK_ABBR) &&
            (lows == 0 || (caps >= 4 * lows && lows <= 1)) && words <= 25)
            for (size_t k = i; k < j; k++)
                x->head[k] = 1;
        i = j;
    }
}

static int ctx_setup(struct ent_ctx *x, const struct ingest_range *sentences, size_t sentence_count)
{
    size_t s = 0, sent = 0, para = 0;

    if (ingest_tokenize(x->text, x->len, &x->tk) < 0)
        return -1;
    x->n = x->tk.count;
    if (lex_build(&x->lex) < 0)
        return -1;
    {
        size_t normlen = x->n ? x->tk.tok[x->n - 1].norm + x->tk.tok[x->n - 1].norm_len + 1 : 1;
        x->lower = malloc(normlen);
        if (!x->lower)
            return -1;
        for (size_t k = 0; k < normlen; k++)
            x->lower[k] = (char)tolower((unsigned char)x->tk.norm[k]);
    }
    x->lx = calloc(x->n + 1, sizeof(*x->lx));
    x->owner = malloc((x->n + 1) * sizeof(*x->owner));
    x->sent = calloc(x->n + 1, sizeof(*x->sent));
    x->para = calloc(x->n + 1, sizeof(*x->para));
    x->sstart = calloc(x->n + 1, 1);
    x->head = calloc(x->n + 1, 1);
    x->pc = calloc(x->n + 1, 1);
    if (!x->lx || !x->owner || !x->sent || !x->para || !x->sstart || !x->head || !x->pc)
        return -1;
    for (size_t i = 0; i < x->n; i++)
        if (x->tk.tok[i].norm_len == 1 && !(TF(x, i) & INGEST_TOK_WORD))
            x->pc[i] = W(x, i)[0];
    for (size_t i = 0; i < x->n; i++) {
        unsigned f = TF(x, i);
        int new_sent = 0;

        x->owner[i] = -1;
        x->lx[i] = lex_get(&x->lex, LW(x, i));
        if (f & INGEST_TOK_PARA)
            para += i > 0;
        x->para[i] = para;
        if (f & INGEST_TOK_LOWER && strset_add(&x->lowerseen, LW(x, i)) < 0)
            return -1;
        /* sentences: the caller's ranges, plus line breaks and end punctuation */
        while (sentences && s < sentence_count && sentences[s].end <= x->tk.tok[i].start)
            s++, new_sent = 1;
        if (i == 0 || (f & INGEST_TOK_NEWLINE))
            new_sent = 1;
        else if (is_sent_end(x, i - 1) && (f & (INGEST_TOK_CAP | INGEST_TOK_DIGIT)))
            new_sent = 1;
        else if (i >= 2 && is_opener(x, i - 1) && is_sent_end(x, i - 2))
            new_sent = 1;
        if (new_sent && i > 0)
            sent++;
        x->sent[i] = sent;
        if (f & INGEST_TOK_WORD) {
            size_t k = i;
            /* the first word of a sentence, after any opening quotes or brackets; a quotation
             * that opens inside a sentence also starts with a capital of its own */
            while (k > 0 && x->sent[k - 1] == sent && is_opener(x, k - 1))
                k--;
            x->sstart[i] = k == 0 || x->sent[k - 1] != sent || (TF(x, k) & INGEST_TOK_NEWLINE) ||
                           (k < i && is_w(x, i - 1, "\"") && (TF(x, i - 1) & INGEST_TOK_SPACE));
        }
    }
    mark_headlines(x);
    return 0;
}

/* ---- pass 1: gazetteer matches ---- */

static void kb_range(struct ent_ctx *x, size_t a, size_t b, int depth);

/* Matches the gazetteer inside tokens [a, b) only. Returns the matches with absolute token
 * indices (caller frees), or NULL (none, or OOM with x->oom set). */
static struct ingest_alias_match *kb_match_range(struct ent_ctx *x, size_t a, size_t b,
                                                 size_t *count)
{
    struct ingest_tokens view;
    struct ingest_alias_match *m = NULL;

    *count = 0;
    if (b <= a)
        return NULL; /* before the view: with no tokens x->tk.tok is NULL, and NULL + 0 is UB */
    view = (struct ingest_tokens){x->tk.tok + a, b - a, x->tk.norm};
    if (ingest_gazetteer_match(x->gz, &view, &m, count) < 0) {
        x->oom = 1;
        return NULL;
    }
    for (size_t k = 0; k < *count; k++) {
        m[k].first += a;
        m[k].last += a;
    }
    return m;
}

/* Whether the token at i is a word of f (folded, lower case). */
static int name_has_token(const struct ent_ctx *x, const char *f, size_t i)
{
    const char *w = LW(x, i);
    size_t n = strlen(w);

    if (!f || !n)
        return 0;
    for (const char *p = f; (p = strstr(p, w)) != NULL; p++) {
        int left = p == f || !isalnum((unsigned char)p[-1]);
        int right = !isalnum((unsigned char)p[n]);
        if (left && right)
            return 1;
    }
    return 0;
}

/* Chooses the row of an alias listed by several: a person in office on the date first. */
static size_t kb_pick(const struct ent_ctx *x, const struct ingest_alias_match *m)
{
    for (size_t k = 0; k < m->hit_count; k++) {
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(x->gz, m->hits[k].entity);
        if (e->type == INGEST_ENT_PERSON && ingest_gazetteer_role_on(e, x->doc_date))
            return k;
    }
    return 0;
}

/* Whether token i can be part of a title before a name in a gazetteer alias. */
static int kb_title_tok(const struct ent_ctx *x, size_t i)
{
    return (x->lx[i] & (L_TITLE | L_HEAD | L_HON)) || is_w(x, i, "'s") || is_w(x, i, "-") ||
           (x->owner[i] >= 0 && x->c[x->owner[i]].type != INGEST_ENT_PERSON);
}

static int hon_gender(const char *lw)
{
    if (strcmp(lw, "mr.") == 0 || strcmp(lw, "mr") == 0 || strcmp(lw, "messrs.") == 0)
        return 'm';
    if (strcmp(lw, "mrs.") == 0 || strcmp(lw, "mrs") == 0 || strcmp(lw, "ms.") == 0 ||
        strcmp(lw, "ms") == 0 || strcmp(lw, "miss") == 0 || strcmp(lw, "mme.") == 0 ||
        strcmp(lw, "mlle.") == 0)
        return 'f';
    return 0;
}

static int kb_name_tok(struct ent_ctx *x, size_t row, size_t i)
{
    return name_has_token(x, kbf(x, row, KBF_NAME), i) ||
           name_has_token(x, kbf(x, row, KBF_SURNAME), i) ||
           name_has_token(x, kbf(x, row, KBF_GIVEN), i);
}

static void kb_person(struct ent_ctx *x, size_t a, size_t b, size_t entity, int depth)
{
    size_t k = a;
    long ci;

    /* "Secretary of State Rice", "Dutch Foreign Minister Bernard Bot", "Mr. Boucher": the
     * mention is the name; the words before it are a title (a role) or an honorific, and
     * countries or organizations named in the title are mentions of their own */
    while (k < b && !kb_name_tok(x, entity, k))
        k++;
    if (k >= b) { /* "Mr. Ono" for Ohno: skip what reads as a title */
        k = a;
        while (k + 1 < b && (x->lx[k] & (L_TITLE | L_HEAD | L_HON)))
            k++;
    }
    if (k > a && depth < 2) {
        size_t first = x->nc, i = a;
        int ok = 1;
        kb_range(x, a, k, depth + 1);
        while (i < k) {
            if (x->owner[i] >= 0 && x->c[x->owner[i]].type != INGEST_ENT_PERSON) {
                i = x->c[x->owner[i]].t1;
                continue;
            }
            if (!kb_title_tok(x, i))
                ok = 0;
            i++;
        }
        if (!ok) {
            for (size_t c = first; c < x->nc; c++)
                if (!x->c[c].dead)
                    cand_kill(x, (long)c);
            k = a;
        }
    } else {
        k = a;
    }
    /* "Deputy Secretary of State Christopher Landau": an alias ending in a known surname that
     * is the first name of someone else ("Secretary of State Christopher") */
    if (b == k + 1 && b < x->n && same_sent(x, k, b) && is_cap(x, b) && x->owner[b] < 0 &&
        (TF(x, b) & INGEST_TOK_WORD) && !(TF(x, b) & INGEST_TOK_ABBR) &&
        !(x->lx[b] & (L_FUNC | L_TIME | L_TITLE | L_HEAD | L_ORGCUE | L_PLACECUE | L_DET |
                      L_SUFFIX)) &&
        !kb_name_tok(x, entity, b) && x->tk.tok[b].start == x->tk.tok[k].end + 1)
        return;
    if (k > a) {
        /* "Chinese President Xi" + "Jinping": the full name may run past the alias */
        size_t count, lim = k + 8 < x->n ? k + 8 : x->n;
        struct ingest_alias_match *m = kb_match_range(x, k, lim, &count);
        if (m && count > 0 && m[0].first == k && m[0].last > b)
            for (size_t h = 0; h < m[0].hit_count; h++)
                if (m[0].hits[h].entity == entity)
                    b = m[0].last;
        free(m);
    }
    ci = cand_add(x, k, b, INGEST_ENT_PERSON, (long)entity, "gazetteer");
    if (ci < 0)
        return;
    x->c[ci].words = 2;
    if (k > a) {
        size_t s = a;
        int only_hon = 1;
        while (s < k && (x->lx[s] & L_DET))
            s++;
        for (size_t i = s; i < k; i++)
            if (!(x->lx[i] & L_HON))
                only_hon = 0;
        if (only_hon)
            x->c[ci].gender = (char)hon_gender(LW(x, k - 1));
        else if (s < k) {
            size_t end = k;
            while (end > s && (x->lx[end - 1] & L_HON))
                end--;
            x->c[ci].role = span_text(x, s, end);
        }
    }
}

/* "Japan's Defense Ministry", "Chinese Foreign Ministry": the country before an organization
 * is a mention of its own unless the organization's name starts with it ("U.S. Marine
 * Corps", "Japan Coast Guard"). */
static int kb_org_split(struct ent_ctx *x, size_t a, size_t b, size_t entity)
{
    const struct ingest_kb_entity *e = ingest_gazetteer_entity(x->gz, entity);
    struct ingest_alias_match *m;
    size_t count, q;
    const struct ingest_kb_entity *ce;
    char *prefix, *name;
    int starts, caps = 0;

    m = kb_match_range(x, a, b - 1, &count);
    if (!m || count == 0 || m[0].first != a) {
        free(m);
        return 0;
    }
    ce = ingest_gazetteer_entity(x->gz, m[0].hits[0].entity);
    q = m[0].last;
    if (ce->type != INGEST_ENT_COUNTRY || q >= b) {
        free(m);
        return 0;
    }
    if (is_w(x, q, "'s"))
        q++;
    for (size_t i = q; i < b; i++)
        caps += is_cap(x, i);
    prefix = span_text(x, a, m[0].last);
    name = ingest_fold(e->name, strlen(e->name));
    starts = prefix && name && strncmp(name, prefix, strlen(prefix)) == 0;
    if (!is_w(x, m[0].last, "'s") && !m[0].hits[0].demonym && !(TF(x, a) & INGEST_TOK_ABBR) &&
        !(TF(x, a) & INGEST_TOK_UPPER))
        starts = 1; /* "Japan Coast Guard": a country name, not an adjective */
    free(prefix);
    free(name);
    if (starts || q >= b || caps == 0) {
        free(m);
        return 0;
    }
    {
        long ci =
            cand_add(x, a, m[0].last, INGEST_ENT_COUNTRY, (long)m[0].hits[0].entity, "gazetteer");
        if (ci >= 0)
            x->c[ci].demonym = m[0].hits[0].demonym;
        cand_add(x, q, b, INGEST_ENT_ORGANIZATION, (long)entity, "gazetteer");
    }
    free(m);
    return 1;
}

static int vessel_prefix(const struct ent_ctx *x, size_t a);

/* "USS George Washington": a ship's name is nobody's and nowhere's. */
static int in_vessel_name(const struct ent_ctx *x, size_t i)
{
    size_t k = i;
    while (k > 0 && i - k < 4 && is_cap(x, k) && !(TF(x, k) & INGEST_TOK_UPPER) &&
           same_sent(x, k - 1, k))
        k--;
    return is_cap(x, k) && vessel_prefix(x, k + 1);
}

static void kb_range(struct ent_ctx *x, size_t a, size_t b, int depth)
{
    struct ingest_alias_match *m;
    size_t count;

    m = kb_match_range(x, a, b, &count);
    for (size_t k = 0; k < count && !x->oom; k++) {
        size_t t0 = m[k].first, t1 = m[k].last, pick = kb_pick(x, &m[k]);
        size_t entity = m[k].hits[pick].entity;
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(x->gz, entity);
        long ci;

        if (depth > 0 && e->type == INGEST_ENT_PERSON)
            continue;
        if (in_vessel_name(x, t0))
            continue;
        if (t1 < x->n && glued(x, t1) && is_w(x, t1, "$"))
            continue; /* "US$5 billion": a currency */
        /* "the United States", "\"2+2\" meeting": no article, no quotation marks */
        while (t0 < t1 && ((x->lx[t0] & L_DET) || is_w(x, t0, "\"") || is_w(x, t0, "'")))
            t0++;
        for (size_t i = t0; i < t1; i++)
            if (is_w(x, i, "\"")) {
                t1 = i;
                break;
            }
        while (t1 > t0 && (is_w(x, t1 - 1, "'") || is_w(x, t1 - 1, "\"")))
            t1--;
        if (t0 >= t1 || x->owner[t0] >= 0 || x->owner[t1 - 1] >= 0)
            continue;
        if (e->type == INGEST_ENT_PERSON) {
            kb_person(x, t0, t1, entity, depth);
            continue;
        }
        if (e->type == INGEST_ENT_ORGANIZATION && kb_org_split(x, t0, t1, entity))
            continue;
        ci = cand_add(x, t0, t1, e->type, (long)entity, "gazetteer");
        if (ci >= 0) {
            x->c[ci].demonym = m[k].hits[pick].demonym;
            if (x->c[ci].demonym)
                x->c[ci].rule = "demonym";
        }
    }
    free(m);
}

/* ---- pass 2: organizations, places and agreements by their cue words ---- */

/* A candidate whose tokens a longer name may take over: a country or a place. */
static int absorbable(const struct ent_ctx *x, size_t i)
{
    const struct ent_cand *c = owner_cand(x, i);
    size_t t;

    if (!c || c->kb < 0)
        return 0;
    if (c->type == INGEST_ENT_COUNTRY || c->type == INGEST_ENT_PLACE)
        return 1;
    /* "Marine Corps University", "Naval War College": an institution named after an
     * organization is another organization */
    t = c->t1;
    return c->type == INGEST_ENT_ORGANIZATION && t < x->n && is_cap(x, t) &&
           x->owner[t] < 0 &&
           (is_lw(x, t, "university") || is_lw(x, t, "college") || is_lw(x, t, "academy") ||
            is_lw(x, t, "school") || is_lw(x, t, "institute") || is_lw(x, t, "foundation") ||
            is_lw(x, t, "museum") || is_lw(x, t, "hospital") || is_lw(x, t, "library"));
}

static int run_word(const struct ent_ctx *x, size_t i)
{
    unsigned f;
    if (i >= x->n || x->head[i])
        return 0;
    f = TF(x, i);
    if (!(f & INGEST_TOK_WORD))
        return 0;
    if (x->owner[i] >= 0 && !absorbable(x, i))
        return 0;
    if (!(f & INGEST_TOK_CAP) && !is_ordinal(x, i))
        return 0;
    if (x->lx[i] & (L_TIME | L_HON | L_DET))
        return 0;
    return 1;
}

/* The end of the run of capitalized words starting at s (names, connectors, hyphens). */
static size_t run_extend(const struct ent_ctx *x, size_t s)
{
    size_t j = s;

    while (j < x->n && same_sent(x, s, j)) {
        if (run_word(x, j)) {
            j = x->owner[j] >= 0 ? x->c[x->owner[j]].t1 : j + 1;
            continue;
        }
        if (j > s && is_w(x, j, "-") && glued(x, j) && glued(x, j + 1) && is_word(x, j + 1) &&
            (x->owner[j + 1] < 0 || absorbable(x, j + 1))) {
            j += 2;
            if (x->owner[j - 1] >= 0)
                j = x->c[x->owner[j - 1]].t1;
            continue;
        }
        if (j > s && is_w(x, j, "'s") && x->owner[j - 1] < 0 &&
            !(x->lx[j - 1] & (L_ORGCUE | L_PLACECUE)) && run_word(x, j + 1)) {
            j++;
            continue;
        }
        if (j > s && (is_lw(x, j, "of") || is_lw(x, j, "for") || is_lw(x, j, "on") ||
                      is_w(x, j, "and") || is_w(x, j, "&") || is_w(x, j, "de"))) {
            if (run_word(x, j + 1)) {
                j++;
                continue;
            }
            if ((is_w(x, j, "of") || is_w(x, j, "for") || is_w(x, j, "on")) &&
                is_w(x, j + 1, "the") && run_word(x, j + 2)) {
                j += 2;
                continue;
            }
        }
        break;
    }
    return j;
}

static int cue_class(const struct ent_ctx *x, size_t i, enum ingest_entity_type *type)
{
    if (!is_cap(x, i) || x->owner[i] >= 0)
        return 0;
    if (x->lx[i] & L_AGRCUE)
        *type = INGEST_ENT_AGREEMENT;
    else if (x->lx[i] & L_ORGCUE)
        *type = INGEST_ENT_ORGANIZATION;
    else if (x->lx[i] & L_PLACECUE)
        *type = INGEST_ENT_PLACE;
    else
        return 0;
    return 1;
}

static void kill_inside(struct ent_ctx *x, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (x->owner[i] >= 0)
            cand_kill(x, x->owner[i]);
}

/* "Zhejiang and Yangjiang Provinces": each conjunct is a place named with the singular. */
static void cue_distribute(struct ent_ctx *x, size_t s, size_t and_at, size_t c,
                           enum ingest_entity_type type)
{
    char *cue = strdup(W(x, c));
    size_t n;

    if (!cue) {
        x->oom = 1;
        return;
    }
    n = strlen(cue);
    if (n > 1 && cue[n - 1] == 's')
        cue[n - 1] = '\0';
    kill_inside(x, s, c + 1);
    for (int part = 0; part < 2; part++) {
        size_t a = part ? and_at + 1 : s, b = part ? c + 1 : and_at;
        size_t nb = part ? c : and_at;
        long ci = cand_add(x, a, b, type, -1, "place-cue");
        char *base, *name;
        if (ci < 0)
            break;
        base = span_text(x, a, nb);
        name = base ? malloc(strlen(base) + strlen(cue) + 2) : NULL;
        if (!name) {
            free(base);
            x->oom = 1;
            break;
        }
        sprintf(name, "%s %s", base, cue);
        free(base);
        free(x->c[ci].name);
        x->c[ci].name = name;
    }
    free(cue);
}

/* Whether a country mention before a cue name qualifies it rather than belongs to it: a
 * demonym always ("Chinese Navy"); "U.S." before a treaty or a place, not before an
 * organization ("U.S. Pacific Command" is one name). */
static int qualifier_cand(const struct ent_ctx *x, const struct ent_cand *lc,
                          enum ingest_entity_type type)
{
    if (lc->demonym)
        return 1;
    return type != INGEST_ENT_ORGANIZATION &&
           (TF(x, lc->t0) & (INGEST_TOK_ABBR | INGEST_TOK_UPPER)) != 0;
}

/* Finds the name a run [s, e) of capitalized words makes, if a cue word says what it is. */
static void cue_run(struct ent_ctx *x, size_t s, size_t e, int depth)
{
    size_t c = (size_t)-1, end;
    enum ingest_entity_type type = INGEST_ENT_ORGANIZATION;
    int has_name = 0;

    while (s < e && x->owner[s] < 0 && merely_cap(x, s))
        s++;
    if (s >= e)
        return;
    for (size_t k = e; k-- > s;) {
        if (k == s && (x->lx[s] & L_PLACEPRE) && s + 1 < e)
            break; /* "Cape Erimo": a prefix, not a suffix */
        if (cue_class(x, k, &type)) {
            c = k;
            break;
        }
    }
    /* "Camp Foster and Yonaguni Island": two names, unless the "and" is inside a name's
     * complement ("Center for Strategic and International Studies") or the cue is plural */
    if (c != (size_t)-1 && depth < 4 && !(x->lx[c] & L_PLURAL))
        for (size_t p = s + 1; p < c; p++) {
            if (is_lw(x, p, "of") || is_lw(x, p, "for") || is_lw(x, p, "on"))
                break;
            if (is_w(x, p, "and") || is_w(x, p, "&")) {
                cue_run(x, s, p, depth + 1);
                cue_run(x, p + 1, e, depth + 1);
                return;
            }
        }
    /* "North American Affairs Bureau of the Foreign Ministry": two names */
    if (c != (size_t)-1 && depth < 4)
        for (size_t p = s + 1; p < c; p++) {
            enum ingest_entity_type t2;
            size_t r = p + 1;
            if (!(is_lw(x, p, "of") || is_lw(x, p, "for") || is_lw(x, p, "on")) ||
                !cue_class(x, p - 1, &t2) || t2 != INGEST_ENT_ORGANIZATION || p - 1 == s)
                continue;
            if (is_lw(x, r, "the"))
                r++;
            if (r < c && !(x->lx[r] & (L_ORGCUE | L_PLACECUE | L_AGRCUE))) {
                cue_run(x, s, p, depth + 1);
                cue_run(x, r, e, depth + 1);
                return;
            }
        }
    /* "Emi Nakano of Keio University": two or three plain capitalized words (no cue, title or
     * role word) before "of" and a named organization after it are a person and their
     * affiliation, not one name ("Bank of Japan" and "Ministry of Defense" have their cue on
     * the left). The person is left to the person pass. */
    if (c != (size_t)-1 && type == INGEST_ENT_ORGANIZATION && depth < 4)
        for (size_t p = s + 2; p < c && p <= s + 3; p++) {
            size_t r = p + 1;
            int plain = 1;
            if (!is_lw(x, p, "of"))
                continue;
            for (size_t k = s; k < p; k++)
                if (x->owner[k] >= 0 || !is_cap(x, k) || !(TF(x, k) & INGEST_TOK_WORD) ||
                    (TF(x, k) & (INGEST_TOK_UPPER | INGEST_TOK_ABBR)) ||
                    (x->lx[k] & (L_ORGCUE | L_PLACECUE | L_AGRCUE | L_PLACEPRE | L_TITLE |
                                 L_HEAD | L_FUNC | L_TIME | L_DET | L_STANDALONE)))
                    plain = 0;
            if (!plain)
                break;
            if (is_lw(x, r, "the"))
                r++;
            if (r < c) {
                cue_run(x, r, e, depth + 1);
                return;
            }
            break;
        }
    if (c == (size_t)-1 && s + 1 < e && (x->lx[s] & L_PLACEPRE) && x->owner[s] < 0 &&
        (is_cap(x, s + 1) || (is_lw(x, s + 1, "of") && s + 2 < e))) {
        /* "Camp Schwab", "Cape Erimo", "Mount Fuji" */
        kill_inside(x, s, e);
        cand_add(x, s, e, INGEST_ENT_PLACE, -1, "place-cue");
        return;
    }
    if (c == (size_t)-1) {
        /* "China Marine Surveillance": a country's name leading two more names */
        const struct ent_cand *lead = owner_cand(x, s);
        size_t more = 0, k = lead ? lead->t1 : s;
        for (; k < e && x->owner[k] < 0 && is_cap(x, k) &&
               !(x->lx[k] & (L_TITLE | L_HEAD | L_FUNC)) && !is_lw(x, k, "and");
             k++)
            more++;
        /* ... but not "Ambassador to Japan Rahm Emanuel": there a title's complement ends at
         * the country and a name follows */
        int after_title = s >= 2 && (is_lw(x, s - 1, "to") || is_lw(x, s - 1, "of")) &&
                          (x->lx[s - 2] & (L_TITLE | L_HEAD)) && !(x->lx[s - 2] & L_CONN);
        if (lead && lead->type == INGEST_ENT_COUNTRY && !lead->demonym && !after_title &&
            !(TF(x, s) & (INGEST_TOK_ABBR | INGEST_TOK_UPPER)) && more >= 2 && k == e) {
            kill_inside(x, s, e);
            cand_add(x, s, e, INGEST_ENT_ORGANIZATION, -1, "org-name");
        } else if (e == s + 1 && (x->lx[s] & L_STANDALONE) && x->owner[s] < 0 &&
                   !merely_cap(x, s)) {
            cand_add(x, s, s + 1, INGEST_ENT_ORGANIZATION, -1, "org-cue");
        }
        return;
    }
    end = c + 1;
    if (end < e && (is_lw(x, end, "of") || is_lw(x, end, "for") || is_lw(x, end, "on")))
        end = e; /* "Bank of Japan", "Center for Strategic and International Studies" */
    /* a leading adjective of nationality stays a country mention: "Chinese" + "Navy"; but
     * "U.S. Pacific Command" is one name */
    while (s < c && x->owner[s] >= 0) {
        const struct ent_cand *lc = &x->c[x->owner[s]];
        if (lc->type != INGEST_ENT_COUNTRY || !qualifier_cand(x, lc, type))
            break;
        if (lc->t1 >= c && end == c + 1)
            break; /* "U.S. Embassy": the cue alone is no name */
        s = lc->t1;
    }
    /* "U.S.-Japanese ...", "American-style ...": what is left of a qualifier goes too */
    while (s < c && ((x->lx[s] & (L_CONN | L_DET)) || is_w(x, s, "-") ||
                     (!is_cap(x, s) && (TF(x, s) & INGEST_TOK_WORD) && !is_ordinal(x, s))))
        s++;
    while (s < c && x->owner[s] >= 0 && x->c[x->owner[s]].type == INGEST_ENT_COUNTRY &&
           qualifier_cand(x, &x->c[x->owner[s]], type) &&
           !(x->c[x->owner[s]].t1 >= c && end == c + 1)) {
        s = x->c[x->owner[s]].t1;
        while (s < c && (is_w(x, s, "-") || (!is_cap(x, s) && (TF(x, s) & INGEST_TOK_WORD))))
            s++;
    }
    /* a place named by a suffix has no "of"/"on" inside: "Hamburg on the Elbe River" */
    if (type == INGEST_ENT_PLACE && depth < 4)
        for (size_t k = c; k-- > s + 1;)
            if (is_lw(x, k, "of") || is_lw(x, k, "on") || is_lw(x, k, "for")) {
                size_t r = is_lw(x, k + 1, "the") ? k + 2 : k + 1;
                cue_run(x, s, k, depth + 1); /* "Port of Hamburg" | "Elbe River" */
                cue_run(x, r, e, depth + 1);
                return;
            }
    for (size_t k = s; k < end; k++)
        if (k != c && (TF(x, k) & INGEST_TOK_WORD) && !(x->lx[k] & L_CONN))
            has_name = 1;
    if (!has_name) {
        if (e == s + 1 && c == s && (x->lx[s] & L_STANDALONE) && !merely_cap(x, s))
            cand_add(x, s, s + 1, INGEST_ENT_ORGANIZATION, -1, "org-cue"); /* "Congress" */
        return;
    }
    if ((x->lx[c] & L_PLURAL) && type == INGEST_ENT_PLACE) {
        size_t and_at = (size_t)-1;
        for (size_t k = s + 1; k < c; k++)
            if (is_w(x, k, "and"))
                and_at = k;
        if (and_at != (size_t)-1 && and_at > s && and_at + 1 < c) {
            cue_distribute(x, s, and_at, c, type);
            return;
        }
    }
    kill_inside(x, s, end);
    cand_add(x, s, end, type, -1,
             type == INGEST_ENT_PLACE       ? "place-cue"
             : type == INGEST_ENT_AGREEMENT ? "agreement-cue"
                                            : "org-cue");
}

static void cue_pass(struct ent_ctx *x)
{
    size_t i = 0;

    while (i < x->n && !x->oom) {
        size_t e;
        if (!run_word(x, i) ||
            (i > 0 && run_word(x, i - 1) && same_sent(x, i - 1, i) && x->owner[i - 1] < 0)) {
            i++;
            continue;
        }
        e = run_extend(x, i);
        cue_run(x, i, e, 0);
        i = e > i ? e : i + 1;
    }
}

/* ---- pass 3: acronyms defined in parentheses: "Security Consultative Committee (SCC)" ---- */

static int acronym_like(const struct ent_ctx *x, size_t i)
{
    const char *w = W(x, i);
    size_t n = strlen(w), up = 0;
    if (!(TF(x, i) & INGEST_TOK_WORD) || n < 2 || n > 8)
        return 0;
    for (size_t k = 0; k < n; k++)
        up += w[k] >= 'A' && w[k] <= 'Z';
    return up >= 2 && isupper((unsigned char)w[0]);
}

/* Whether the capital letters of acr are the initials of tokens [a, b), with or without the
 * connectors ("MOFA": Ministry Of Foreign Affairs; "SCC": Security Consultative Committee). */
static int acronym_fits(const struct ent_ctx *x, const char *acr, size_t a, size_t b)
{
    char with[32], without[32], letters[32];
    size_t nw = 0, nwo = 0, nl = 0;

    for (const char *p = acr; *p && nl < 31; p++)
        if (isalpha((unsigned char)*p))
            letters[nl++] = (char)toupper((unsigned char)*p);
    letters[nl] = '\0';
    for (size_t i = a; i < b && nw < 31; i++) {
        if (!(TF(x, i) & INGEST_TOK_WORD) || is_w(x, i, "'s"))
            continue;
        with[nw++] = (char)toupper((unsigned char)W(x, i)[0]);
        if (!(x->lx[i] & L_CONN))
            without[nwo++] = (char)toupper((unsigned char)W(x, i)[0]);
    }
    with[nw] = '\0';
    without[nwo] = '\0';
    return nl >= 2 && (strcmp(letters, with) == 0 || strcmp(letters, without) == 0);
}

static void acronym_pass(struct ent_ctx *x)
{
    for (size_t i = 1; i + 2 < x->n && !x->oom; i++) {
        long def, ci;
        size_t acr = i + 1;

        if (!is_w(x, i, "(") || !is_w(x, i + 2, ")") || !acronym_like(x, acr))
            continue;
        def = x->owner[i - 1];
        if (def < 0) {
            /* an unknown name: walk back over its words and test the initials */
            size_t a = i;
            while (a > 0 && same_sent(x, a - 1, i - 1) && x->owner[a - 1] < 0 &&
                   (is_cap(x, a - 1) || (x->lx[a - 1] & L_CONN) || is_w(x, a - 1, "'s") ||
                    (is_w(x, a - 1, "-") && glued(x, a - 1))) &&
                   !x->head[a - 1])
                a--;
            while (a < i && !is_cap(x, a))
                a++;
            for (; a + 1 < i; a++)
                if (is_cap(x, a) && !merely_cap(x, a) && acronym_fits(x, W(x, acr), a, i))
                    break;
            if (a + 1 >= i || !acronym_fits(x, W(x, acr), a, i))
                continue;
            def = cand_add(x, a, i, INGEST_ENT_ORGANIZATION, -1, "acronym");
            if (def < 0)
                return;
        }
        if (x->c[def].type == INGEST_ENT_PERSON || x->c[def].type == INGEST_ENT_COUNTRY)
            continue;
        /* "MANILA (AP) —": a wire service's credit after a dateline, not the place's initials */
        if (x->c[def].type == INGEST_ENT_PLACE && x->owner[acr] < 0 &&
            !acronym_fits(x, W(x, acr), x->c[def].t0, x->c[def].t1))
            continue;
        if (x->owner[acr] >= 0) {
            const struct ent_cand *ac = &x->c[x->owner[acr]];
            if (ac->kb >= 0 && ac->kb == x->c[def].kb)
                continue;
            if (ac->kb >= 0 && x->c[def].kb >= 0)
                continue; /* two gazetteer rows: trust the gazetteer */
            cand_kill(x, x->owner[acr]);
        }
        ci = cand_add(x, acr, acr + 1, x->c[def].type, x->c[def].kb, "acronym");
        if (ci >= 0)
            x->c[ci].ref = def;
    }
}

/* ---- pass 4: people the gazetteer does not know ---- */

/* A word that can be part of a person's name. */
/* "Theresa May": the month (and modal) right after a capitalized given name is her family
 * name. */
static int month_surname(const struct ent_ctx *x, size_t i)
{
    return i > 0 && is_lw(x, i, "may") && is_cap(x, i) && !x->sstart[i] && same_sent(x, i - 1, i) &&
           is_cap(x, i - 1) && (x->lx[i - 1] & (L_GIVEN | L_GIVEN_M | L_GIVEN_F));
}

static int name_word(const struct ent_ctx *x, size_t i)
{
    unsigned f, l;
    if (i >= x->n || x->owner[i] >= 0 || x->head[i])
        return 0;
    f = TF(x, i);
    l = x->lx[i];
    if (f & INGEST_TOK_INITIAL)
        return 1;
    if (!(f & INGEST_TOK_WORD) || !(f & INGEST_TOK_CAP) || (f & INGEST_TOK_ABBR))
        return 0;
    if ((f & INGEST_TOK_UPPER) && strlen(W(x, i)) > 3)
        return 0;
    if (month_surname(x, i))
        return 1;
    if (l & (L_TIME | L_HON | L_DET | L_STANDALONE | L_ORGCUE | L_PLACECUE | L_AGRCUE))
        return 0;
    if (i + 1 < x->n && vessel_prefix(x, i + 1))
        return 0; /* "USS" */
    if ((l & (L_TITLE | L_HEAD | L_FUNC)) && !(l & (L_GIVEN | L_ZH)))
        return 0;
    return 1;
}

/* The end of a name starting at a: names, initials, particles, hyphenated parts, suffixes. */
static size_t name_extend(const struct ent_ctx *x, size_t a)
{
    size_t j = a, words = 0;

    while (j < x->n && same_sent(x, a, j) && j - a < 8) {
        if (name_word(x, j)) {
            words += !(TF(x, j) & INGEST_TOK_INITIAL);
            j++;
            continue;
        }
        if (j > a && is_w(x, j, "-") && glued(x, j) && glued(x, j + 1) && is_word(x, j + 1) &&
            x->owner[j + 1] < 0 && !(TF(x, j + 1) & INGEST_TOK_DIGIT)) {
            j += 2;
            continue;
        }
        if (j > a && (x->lx[j] & L_PART) && !is_cap(x, j) && name_word(x, j + 1)) {
            j++;
            continue;
        }
        if (j > a && words > 0 && (x->lx[j] & L_SUFFIX) && !merely_cap(x, j)) {
            j++;
            break;
        }
        break;
    }
    while (j > a && (TF(x, j - 1) & INGEST_TOK_INITIAL) && !name_word(x, j))
        j--; /* "Kurt M." at a sentence end: the initial needs a name after it */
    return j;
}

/* Whether token i may be part of a title or a role description. */
static int title_tok(const struct ent_ctx *x, size_t i, int lower_ok)
{
    unsigned l = x->lx[i];
    if (x->owner[i] >= 0) {
        const struct ent_cand *c = &x->c[x->owner[i]];
        return c->type != INGEST_ENT_PERSON;
    }
    if (!(TF(x, i) & INGEST_TOK_WORD))
        return is_w(x, i, "'s") || (is_w(x, i, "-") && glued(x, i));
    if (!lower_ok && !is_cap(x, i) && !(l & (L_TITLE | L_HEAD)))
        return 0;
    return (l & (L_TITLE | L_HEAD)) != 0;
}

/* A title right before a name: "Secretary of State", "Japanese Foreign Minister", "Gov.",
 * "State Department Spokesman", "Chinese Ministry of Foreign Affairs spokesman". Returns the
 * first token of the title, or (size_t)-1 when there is none (a title needs a role noun). */
static size_t title_left(const struct ent_ctx *x, size_t a)
{
    size_t s = a, heads = 0;

    int country_seen = 0;

    while (s > 0 && same_sent(x, s - 1, a) && a - s < 14) {
        size_t p = s - 1;
        if (x->owner[p] >= 0) {
            const struct ent_cand *c = &x->c[x->owner[p]];
            if (c->type == INGEST_ENT_PERSON)
                break;
            if (c->type == INGEST_ENT_COUNTRY && c->demonym)
                country_seen = 1;
            s = c->t0;
            continue;
        }
        if (!title_tok(x, p, 1))
            break;
        if ((is_w(x, p, "and") || is_w(x, p, "&")) &&
            (p == 0 || x->owner[p - 1] >= 0 || !(x->lx[p - 1] & L_TITLE) ||
             is_cap(x, p + 1) != is_cap(x, p - 1)))
            break; /* "of South Korea and | Prime Minister X"; "Economy and Trade" is one */
        if (country_seen && (x->lx[p] & L_HEAD))
            break; /* "the German official | German Minister for Foreign Affairs X" */
        if (x->lx[p] & L_HEAD)
            heads++;
        s = p;
    }
    /* no connector, article or hyphen at either end; no place the title is not about:
     * "a meeting in New York | of Secretary of State John Kerry" */
    for (;;) {
        while (s < a && ((x->lx[s] & (L_CONN | L_DET)) || is_w(x, s, "-") || is_w(x, s, "'s")) &&
               !(x->lx[s] & L_HEAD))
            s++;
        if (s < a && x->owner[s] >= 0 && x->c[x->owner[s]].type == INGEST_ENT_PLACE) {
            size_t t1 = x->c[x->owner[s]].t1;
            if (t1 < a && (x->lx[t1] & L_CONN)) {
                s = t1;
                continue;
            }
        }
        break;
    }
    if (s >= a || (x->lx[a - 1] & (L_CONN | L_DET)) || is_w(x, a - 1, "-"))
        return (size_t)-1;
    heads = 0;
    for (size_t k = s; k < a; k++)
        if (x->owner[k] < 0 && (x->lx[k] & L_HEAD))
            heads++;
    return heads ? s : (size_t)-1;
}

/* Tokens that end a role description. */
static int role_stop(const struct ent_ctx *x, size_t i)
{
    const char *w;
    if (i >= x->n)
        return 1;
    w = W(x, i);
    return strcmp(w, ",") == 0 || strcmp(w, ".") == 0 || strcmp(w, ";") == 0 ||
           strcmp(w, ":") == 0 || strcmp(w, ")") == 0 || strcmp(w, "(") == 0 ||
           strcmp(w, "\"") == 0 || is_lw(x, i, "who") || is_lw(x, i, "which") ||
           is_lw(x, i, "that") || is_lw(x, i, "whose") || is_lw(x, i, "whom") ||
           ((TF(x, i) & INGEST_TOK_NEWLINE) != 0);
}

/* Checks that tokens [s, e) read as [modifiers] HEAD [of/for/at/in/to/on complement]: the
 * role noun comes last, or right before the complement. */
static int role_shape(const struct ent_ctx *x, size_t s, size_t e)
{
    size_t k = s, words = 0;

    while (k < e) {
        size_t next = x->owner[k] >= 0 ? x->c[x->owner[k]].t1 : k + 1;
        if (x->owner[k] < 0 && (x->lx[k] & (L_CONN | L_DET)) && !(x->lx[k] & L_HEAD) &&
            !is_w(x, k, "and") && !is_w(x, k, "&"))
            return 0; /* "son of a U.S. Marine": no role noun heads it */
        if (x->owner[k] < 0 && (x->lx[k] & L_HEAD) && !(x->lx[k] & L_CONN)) {
            /* a head: the rest is nothing, another head word, or a complement */
            size_t r = k + 1;
            if (r < e && is_w(x, r, "-") && (x->lx[r + 1] & L_HEAD))
                r += 2; /* "director-general" */
            while (r < e && x->owner[r] < 0 && (x->lx[r] & L_HEAD) && !(x->lx[r] & L_CONN))
                r++;
            if (r == e)
                return 1;
            if ((is_lw(x, r, "of") || is_lw(x, r, "for") || is_lw(x, r, "at") ||
                 is_lw(x, r, "in") || is_lw(x, r, "on") || is_lw(x, r, "with")) &&
                r + 1 < e)
                return 1;
            /* "ambassador to Japan", not "the first leader to visit" */
            if (is_lw(x, r, "to") && r + 1 < e &&
                (is_cap(x, r + 1) || x->owner[r + 1] >= 0 || (x->lx[r + 1] & L_DET)))
                return 1;
        }
        if (++words > 10)
            return 0;
        k = next;
    }
    return 0;
}

/* A role description ends before a trailing "in Tokyo" (where the office is, not what). */
static size_t role_trim_place(const struct ent_ctx *x, size_t s, size_t e)
{
    /* "historian at the Marine Corps University in Quantico": an institution's town, not
     * yet known as a place when the role is read */
    if (e >= s + 4) {
        size_t k = e;
        while (k > s + 2 && k + 3 > e && is_cap(x, k - 1) && x->owner[k - 1] < 0 &&
               !(x->lx[k - 1] & (L_ORGCUE | L_HEAD | L_TITLE)))
            k--;
        if (k < e && is_lw(x, k - 1, "in") && owner_cand(x, k - 2) &&
            owner_cand(x, k - 2)->type == INGEST_ENT_ORGANIZATION)
            return k - 1;
    }
    if (e >= s + 3) {
        const struct ent_cand *c = owner_cand(x, e - 1);
        if (c && (c->type == INGEST_ENT_PLACE || c->type == INGEST_ENT_COUNTRY) && !c->demonym &&
            c->t0 > s + 1 && is_lw(x, c->t0 - 1, "in") && c->t1 == e)
            return c->t0 - 1;
    }
    return e;
}

/* "Richard Boucher, the State Department spokesman, ...": the role after a name at b (a
 * comma). Returns a malloc'd role (no article) or NULL. */
static char *apposition_right(struct ent_ctx *x, size_t b)
{
    size_t s, e;

    /* ", the spokesman, ..." and "elected Denny Tamaki as governor of Okinawa" */
    if (!(is_w(x, b, ",") || (is_lw(x, b, "as") && !is_lw(x, b + 1, "well") &&
                              !is_lw(x, b + 1, "soon") && !is_lw(x, b + 1, "much"))) ||
        b + 1 >= x->n)
        return NULL;
    s = b + 1;
    if (TF(x, s) & INGEST_TOK_DIGIT && is_w(x, s + 1, ",")) /* "John Smith, 45, a lawyer" */
        s += 2;
    /* "Hideki Saito, then a senior negotiator": a role held at another time is a role */
    if ((is_lw(x, s, "then") || is_lw(x, s, "now") || is_lw(x, s, "formerly") ||
         is_lw(x, s, "once") || is_lw(x, s, "previously") || is_lw(x, s, "currently")) &&
        s + 1 < x->n && (x->lx[s + 1] & L_DET))
        s++;
    if (x->lx[s] & L_DET)
        s++;
    /* "a 79-year-old historian": the age is not the role */
    if ((TF(x, s) & INGEST_TOK_DIGIT) && is_w(x, s + 1, "-") && is_lw(x, s + 2, "year") &&
        is_w(x, s + 3, "-") && is_lw(x, s + 4, "old"))
        s += 5;
    for (e = s; e < x->n && e - s < 16 && !role_stop(x, e) && same_sent(x, s, e); e++) {
        if (x->owner[e] >= 0 && x->c[x->owner[e]].type == INGEST_ENT_PERSON)
            return NULL;
        if ((is_w(x, e, "and") || is_w(x, e, "or")) && (x->lx[e + 1] & L_DET))
            break;
    }
    if (e == s || e - s >= 16 || !role_shape(x, s, e))
        return NULL;
    if (!(e >= x->n || is_w(x, e, ",") || is_w(x, e, ".") || is_w(x, e, ";") || is_w(x, e, ":") ||
          is_w(x, e, ")") || is_w(x, e, "\"") || is_lw(x, e, "who") || is_lw(x, e, "which") ||
          is_lw(x, e, "that") || is_lw(x, e, "whose") || is_w(x, e, "and") ||
          (TF(x, e) & INGEST_TOK_NEWLINE)))
        return NULL;
    return span_text(x, s, role_trim_place(x, s, e));
}

static int possessive_det(const struct ent_ctx *x, size_t i)
{
    return is_lw(x, i, "its") || is_lw(x, i, "his") || is_lw(x, i, "her") || is_lw(x, i, "their") ||
           is_lw(x, i, "our") || is_lw(x, i, "whose");
}

/* "Japan's defense minister, Itsunori Onodera": the role before a name whose first token (or
 * title) starts at a, after a comma. Returns a malloc'd role or NULL. */
static char *apposition_left(struct ent_ctx *x, size_t a)
{
    size_t e, s;

    if (a < 2 || !is_w(x, a - 1, ","))
        return NULL;
    e = a - 1;
    s = e;
    while (s > 0 && same_sent(x, s - 1, e - 1) && e - s < 14) {
        size_t p = s - 1;
        if (x->owner[p] >= 0) {
            const struct ent_cand *c = &x->c[x->owner[p]];
            if (c->type == INGEST_ENT_PERSON) {
                /* "Kurt Campbell and Japan's deputy foreign minister, Hiroshi Kaneda": the
                 * role starts after the coordinated name */
                if (s < e && (is_lw(x, s, "and") || is_lw(x, s, "or"))) {
                    s++;
                    break;
                }
                return NULL;
            }
            s = c->t0;
            continue;
        }
        if (x->lx[p] & L_DET) {
            /* "a lawyer for the prefecture": an article after a connector is inside, until
             * the role noun is reached ("with the mayor of Kyotango" stops at "the") */
            int head_seen = 0;
            for (size_t k = s; k < e; k++)
                if (x->owner[k] < 0 && (x->lx[k] & L_HEAD))
                    head_seen = 1;
            if (!head_seen && p > 0 && (x->lx[p - 1] & L_CONN) && !(x->lx[p - 1] & L_DET))
                s = p;
            else
                break;
            continue;
        }
        if (!(TF(x, p) & INGEST_TOK_WORD) && !is_w(x, p, "'s") && !is_w(x, p, "-"))
            break;
        if ((x->lx[p] & (L_SPEECH | L_FUNC)) && !(x->lx[p] & (L_HEAD | L_TITLE | L_CONN)))
            break;
        s = p;
    }
    /* the phrase must start where a noun phrase can: after an article, a sentence start, a
     * comma or a preposition */
    if (s >= e || !role_shape(x, s, e))
        return NULL;
    if (s > 0 && same_sent(x, s - 1, s) && !(x->lx[s - 1] & (L_DET | L_CONN | L_LOCPREP)) &&
        !is_w(x, s - 1, ",") && !is_w(x, s - 1, ":") && !is_w(x, s - 1, "(") &&
        !is_w(x, s - 1, "\"") && !(x->lx[s - 1] & (L_OBJVERB | L_SPEECH | L_FUNC)) &&
        !possessive_det(x, s - 1))
        return NULL;
    return span_text(x, s, role_trim_place(x, s, e));
}

/* A CJK gloss after a name: "Xi Jinping (習近平)". Returns the token after it, or b. */
static size_t skip_gloss(const struct ent_ctx *x, size_t b)
{
    size_t k;
    if (!is_w(x, b, "("))
        return b;
    for (k = b + 1; k < x->n && k - b < 6 && (TF(x, k) & INGEST_TOK_UNCASED); k++)
        ;
    if (k > b + 1 && is_w(x, k, ")"))
        return k + 1;
    return b;
}

/* ", 71," after a name: a person's age, the way news gives it ("Sachiko Yonaha, 71, who
 * lives near ..."). A year or a count would not sit between two commas after a name. */
static int age_after(const struct ent_ctx *x, size_t b)
{
    const char *w;
    size_t n;
    long v;

    if (b + 2 >= x->n || !is_w(x, b, ",") || !is_w(x, b + 2, ",") ||
        !(TF(x, b + 1) & INGEST_TOK_DIGIT) || !same_sent(x, b, b + 2))
        return 0;
    w = W(x, b + 1);
    n = strlen(w);
    if (n == 0 || n > 3 || strspn(w, "0123456789") != n)
        return 0;
    v = strtol(w, NULL, 10);
    return v >= 1 && v <= 120;
}

static int vessel_prefix(const struct ent_ctx *x, size_t a)
{
    return a > 0 && (is_w(x, a - 1, "USS") || is_w(x, a - 1, "HMS") || is_w(x, a - 1, "JS") ||
                     is_w(x, a - 1, "HMAS") || is_w(x, a - 1, "USNS") || is_w(x, a - 1, "MV"));
}

static void person_pass(struct ent_ctx *x)
{
    size_t i = 0;

    while (i < x->n && !x->oom) {
        size_t a = i, b, after, words = 0, ts;
        char *role_r = NULL, *role_l = NULL, *role_t = NULL;
        int hon, speech, given, gloss, affil, age;
        const char *rule = NULL;
        long ci;

        if (!name_word(x, i) || (TF(x, i) & INGEST_TOK_INITIAL && !name_word(x, i + 1))) {
            i++;
            continue;
        }
        b = name_extend(x, a);
        if (b <= a) {
            i++;
            continue;
        }
        while (a < b && merely_cap(x, a) && !(x->lx[a] & (L_GIVEN | L_ZH)))
            a++;
        {
            size_t initials = 0;
            for (size_t k = a; k < b; k++) {
                words += (TF(x, k) & INGEST_TOK_CAP) && !(TF(x, k) & INGEST_TOK_INITIAL) &&
                         !(x->lx[k] & L_SUFFIX);
                initials += (TF(x, k) & INGEST_TOK_INITIAL) != 0;
            }
            if (words == 1 && initials > 0)
                words = 2; /* "S. Jaishankar" is a full name */
        }
        if (a >= b || words == 0 || vessel_prefix(x, a)) {
            i = b > i ? b : i + 1;
            continue;
        }
        after = skip_gloss(x, b);
        gloss = after != b && words >= 2;
        hon = a > 0 && (x->lx[a - 1] & L_HON) && same_sent(x, a - 1, a);
        ts = hon ? (size_t)-1 : title_left(x, a);
        if (ts != (size_t)-1)
            role_t = span_text(x, ts, a);
        role_r = apposition_right(x, after);
        if (role_r && is_lw(x, after, "as") && role_t) {
            free(role_r);
            role_r = NULL;
        }
        role_l = apposition_left(x, ts != (size_t)-1 ? ts : hon ? a - 1 : a);
        speech = words >= 2 && ((after < x->n && (x->lx[after] & L_SPEECH) &&
                                 !(x->lx[after] & L_AUX) && !is_lw(x, after, "met")) ||
                                (a > 0 && (is_lw(x, a - 1, "said") || is_lw(x, a - 1, "says") ||
                                           is_lw(x, a - 1, "told"))));
        /* "Emi Nakano of Keio University": a full name and the organization it belongs to */
        affil = 0;
        if (words >= 2 && after + 2 < x->n && (is_lw(x, after, "of") || is_lw(x, after, "at"))) {
            const struct ent_cand *org =
                owner_cand(x, is_lw(x, after + 1, "the") ? after + 2 : after + 1);
            affil = org && org->type == INGEST_ENT_ORGANIZATION;
        }
        age = words >= 2 && words <= 3 && age_after(x, after);
        given = words >= 2 && (x->lx[a] & L_GIVEN) && !x->sstart[a];
        if (words >= 2 && (x->lx[a] & L_GIVEN) && x->sstart[a] && !merely_cap(x, a))
            given = 1;
        if (hon)
            rule = "honorific";
        else if (role_r || role_l)
            rule = "apposition";
        else if (role_t)
            rule = "title-name";
        else if (gloss)
            rule = "name-gloss";
        else if (speech)
            rule = "speaker";
        else if (affil)
            rule = "affiliation";
        else if (age)
            rule = "age";
        else if (given)
            rule = "given-name";
        if (!rule || (words < 2 && !hon && !role_t && !role_r && !role_l)) {
            free(role_r);
            free(role_l);
            free(role_t);
            i = b;
            continue;
        }
        ci = cand_add(x, a, b, INGEST_ENT_PERSON, -1, rule);
        if (ci >= 0) {
            struct ent_cand *c = &x->c[ci];
            c->words = (int)words;
            c->single = words < 2;
            if (hon)
                c->gender = (char)hon_gender(LW(x, a - 1));
            c->role = role_r ? role_r : role_l ? role_l : role_t;
            if (c->role == role_r)
                free(role_l), c->title = role_t;
            else if (c->role == role_l)
                free(role_r), c->title = role_t;
            else
                free(role_r), free(role_l);
        } else {
            free(role_r);
            free(role_l);
            free(role_t);
        }
        i = b;
    }
}

/* Roles stated next to gazetteer people: "Secretary of State Condoleezza Rice", "Richard
 * Boucher, the State Department spokesman". */
static void kb_person_roles(struct ent_ctx *x)
{
    for (size_t ci = 0; ci < x->nc && !x->oom; ci++) {
        struct ent_cand *c = &x->c[ci];
        size_t ts, after;
        char *r;

        if (c->dead || c->type != INGEST_ENT_PERSON || c->kb < 0)
            continue;
        after = skip_gloss(x, c->t1);
        r = apposition_right(x, after);
        ts = title_left(x, c->t0);
        if (r && is_lw(x, after, "as") && (ts != (size_t)-1 || c->role)) {
            free(r); /* "Prime Minister Suga as the first leader ...": the title is the role */
            r = NULL;
        }
        if (!r && ts == (size_t)-1 && c->t0 > 0 && (x->lx[c->t0 - 1] & L_HON))
            r = apposition_left(x, c->t0 - 1);
        if (!r)
            r = apposition_left(x, ts != (size_t)-1 ? ts : c->t0);
        if (!r && ts != (size_t)-1 && !c->role)
            r = span_text(x, ts, c->t0);
        else if (r && ts != (size_t)-1 && !c->title)
            c->title = span_text(x, ts, c->t0);
        if (r) {
            if (c->role && !c->title)
                c->title = c->role; /* the alias's title, e.g. "Secretary of State Rice" */
            else
                free(c->role);
            c->role = r;
        }
    }
}

/* ---- places by strong evidence ---- */

/* A run of place-name words at i: capitalized, not a known mention, not a function word. */
static size_t place_run(const struct ent_ctx *x, size_t i)
{
    size_t j = i;
    while (j < x->n && j - i < 4 && x->owner[j] < 0 && is_cap(x, j) && !x->head[j] &&
           !(x->lx[j] & (L_FUNC | L_TIME | L_HON | L_DET | L_TITLE | L_HEAD)) &&
           !(TF(x, j) & INGEST_TOK_ABBR)) {
        j++;
        if (is_w(x, j, "-") && glued(x, j) && glued(x, j + 1) && is_word(x, j + 1))
            j += 2;
    }
    return j;
}

static int is_place_mention(const struct ent_ctx *x, size_t i)
{
    const struct ent_cand *c = owner_cand(x, i);
    return c && (c->type == INGEST_ENT_PLACE || (c->type == INGEST_ENT_COUNTRY && !c->demonym));
}

static void place_pass(struct ent_ctx *x)
{
    for (size_t i = 0; i < x->n && !x->oom; i++) {
        size_t e;
        int ok = 0;

        if (x->owner[i] >= 0 || !is_cap(x, i) || merely_cap(x, i) || x->head[i])
            continue;
        e = place_run(x, i);
        if (e == i)
            continue;
        /* "the city of X", "the northern island of X" */
        if (i >= 2 && is_lw(x, i - 1, "of") && (x->lx[i - 2] & L_PLACENOUN) && !is_cap(x, i - 2))
            ok = 1;
        /* "X, the capital of ...", "X, the island's capital" */
        if (is_w(x, e, ",") && is_lw(x, e + 1, "the"))
            for (size_t k = e + 2; k < e + 5 && k < x->n; k++)
                if ((x->lx[k] & L_PLACENOUN) && !is_cap(x, k))
                    ok = 1;
        /* "near X"; "in X, Japan"; "in X, near ..."; "from X, in Hiroshima Prefecture" */
        if (i > 0 && is_lw(x, i - 1, "near"))
            ok = 1;
        if (i > 0 && (x->lx[i - 1] & L_LOCPREP) && is_w(x, e, ",") &&
            (is_place_mention(x, e + 1) || is_lw(x, e + 1, "near") ||
             (is_lw(x, e + 1, "in") && is_place_mention(x, e + 2))))
            ok = 1;
        /* "Villamor Air Base in Manila", "the Marine Corps University in Quantico" */
        if (i >= 2 && is_lw(x, i - 1, "in") && owner_cand(x, i - 2) &&
            (owner_cand(x, i - 2)->type == INGEST_ENT_PLACE ||
             owner_cand(x, i - 2)->type == INGEST_ENT_ORGANIZATION) &&
            !owner_cand(x, i - 2)->demonym)
            ok = 1;
        /* "flew on to Iwo Jima", "traveled to Manila": a journey ends at a place */
        if (i >= 2 && (is_lw(x, i - 1, "to") || is_lw(x, i - 1, "in"))) {
            size_t v = i - 2;
            if (v > 0 && (is_lw(x, v, "on") || is_lw(x, v, "back") || is_lw(x, v, "down")))
                v--;
            if (is_lw(x, v, "flew") || is_lw(x, v, "traveled") || is_lw(x, v, "travelled") ||
                is_lw(x, v, "arrived") || is_lw(x, v, "returned") || is_lw(x, v, "headed") ||
                is_lw(x, v, "went") || is_lw(x, v, "sailed") || is_lw(x, v, "moved"))
                ok = 1;
        }
        /* "a ceremony on Iwo Jima", "Marines stationed on Tinian": an event or a posting on
         * an island; not "based on", not a possessor ("landed on Hayashi's desk") */
        if (i >= 2 && is_lw(x, i - 1, "on") && e - i <= 2 && !(x->lx[i] & L_GIVEN) &&
            !is_w(x, e, "'s") && !(e < x->n && is_cap(x, e)) &&
            (is_lw(x, i - 2, "ceremony") || is_lw(x, i - 2, "ceremonies") ||
             is_lw(x, i - 2, "memorial") || is_lw(x, i - 2, "landed") ||
             is_lw(x, i - 2, "landing") || is_lw(x, i - 2, "landings") ||
             is_lw(x, i - 2, "stationed") || is_lw(x, i - 2, "deployed") ||
             is_lw(x, i - 2, "garrisoned")))
            ok = 1;
        /* "said in Manila last week", "in Quantico on Monday" */
        if (i > 0 && (is_lw(x, i - 1, "in") || is_lw(x, i - 1, "at")) && e < x->n &&
            (((is_lw(x, e, "last") || is_lw(x, e, "this") || is_lw(x, e, "next")) &&
              (is_lw(x, e + 1, "week") || is_lw(x, e + 1, "month") || is_lw(x, e + 1, "year") ||
               (x->lx[e + 1] & L_TIME))) ||
             (is_lw(x, e, "on") && (x->lx[e + 1] & L_TIME))))
            ok = 1;
        /* "Senator Daniel Pruitt of Kansas": a legislator's state or district */
        if (i >= 2 && is_lw(x, i - 1, "of") && owner_cand(x, i - 2) &&
            owner_cand(x, i - 2)->type == INGEST_ENT_PERSON && owner_cand(x, i - 2)->role &&
            e - i <= 2 && (is_w(x, e, ",") || is_w(x, e, ".") || !is_cap(x, e))) {
            const char *r = owner_cand(x, i - 2)->role;
            if (!strncmp(r, "Senator", 7) || !strncmp(r, "Sen.", 4) ||
                !strncmp(r, "Representative", 14) || !strncmp(r, "Rep.", 4) ||
                !strncmp(r, "Congressman", 11) || !strncmp(r, "Congresswoman", 13))
                ok = 1;
        }
        /* a list with known places: "to Australia and Hawaii" */
        if (e - i <= 2 && !(x->lx[i] & L_GIVEN)) {
            int left = i >= 2 &&
                       (is_w(x, i - 1, "and") || is_w(x, i - 1, "or") ||
                        (is_w(x, i - 1, ",") &&
                         (is_w(x, e, ",") || is_w(x, e, "and") || is_w(x, e, "or")))) &&
                       is_place_mention(x, i - 2);
            int right = (is_w(x, e, "and") || is_w(x, e, "or")) && is_place_mention(x, e + 1) &&
                        !is_w(x, e + 1, ",");
            if ((left || right) && !(i > 0 && (x->lx[i - 1] & L_HON)))
                ok = 1;
        }
        /* a dateline: "NAHA, Japan —" */
        if ((TF(x, i) & INGEST_TOK_PARA) && (TF(x, i) & INGEST_TOK_UPPER) &&
            (is_w(x, e, "-") || (is_w(x, e, ",") && is_place_mention(x, e + 1))))
            ok = 1;
        if (ok)
            cand_add(x, i, e, INGEST_ENT_PLACE, -1, "place-evidence");
        i = e - 1;
    }
}

/* ---- a map from strings to numbers (candidates, rows) ---- */

struct key_entry {
    char *key;
    long cand;
};

struct keymap {
    struct key_entry *slots;
    size_t cap, count;
};

static long keymap_get(const struct keymap *m, const char *key)
{
    size_t mask;
    if (!m->cap)
        return -1;
    mask = m->cap - 1;
    for (size_t i = lex_hash(key) & mask; m->slots[i].key; i = (i + 1) & mask)
        if (strcmp(m->slots[i].key, key) == 0)
            return m->slots[i].cand;
    return -1;
}

/* Adds key -> cand unless the key is there; takes key. Returns 0, or -1 on OOM. */
static int keymap_put(struct keymap *m, char *key, long cand)
{
    size_t mask, i;

    if ((m->count + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        struct key_entry *n = calloc(cap, sizeof(*n));
        if (!n) {
            free(key);
            return -1;
        }
        for (size_t k = 0; k < m->cap; k++) {
            if (!m->slots[k].key)
                continue;
            for (i = lex_hash(m->slots[k].key) & (cap - 1); n[i].key; i = (i + 1) & (cap - 1))
                ;
            n[i] = m->slots[k];
        }
        free(m->slots);
        m->slots = n;
        m->cap = cap;
    }
    mask = m->cap - 1;
    for (i = lex_hash(key) & mask; m->slots[i].key; i = (i + 1) & mask)
        if (strcmp(m->slots[i].key, key) == 0) {
            free(key);
            return 0;
        }
    m->slots[i].key = key;
    m->slots[i].cand = cand;
    m->count++;
    return 0;
}

static void keymap_clear(struct keymap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof(*m));
}

/* ---- unknown organizations and places that the gazetteer knows under a longer name ---- */

/* The country mention nearest before token i (within a few thousand tokens), as a gazetteer
 * row, or -1. A capital that stands for its government counts as its country; "American-style"
 * does not count. */
static long context_country(const struct ent_ctx *x, size_t i)
{
    for (size_t k = i; k-- > 0 && i - k < 4000;) {
        const struct ent_cand *c = owner_cand(x, k);
        const struct ingest_kb_entity *e;
        if (!c || c->dead)
            continue;
        c = &x->c[cand_root(x, x->owner[k])];
        if (c->kb < 0)
            continue;
        e = ingest_gazetteer_entity(x->gz, (size_t)c->kb);
        if (is_w(x, k + 1, "-") && glued(x, k + 1) && is_lw(x, k + 2, "style"))
            continue;
        if (e->type == INGEST_ENT_COUNTRY)
            return c->kb;
        if (e->type == INGEST_ENT_PLACE && e->metonym_for &&
            !(k > 0 && (x->lx[k - 1] & L_LOCPREP))) {
            const struct ingest_kb_entity *m = ingest_gazetteer_find(x->gz, e->metonym_for);
            if (m)
                return (long)(m - ingest_gazetteer_entity(x->gz, 0));
        }
    }
    return -1;
}

/* Lower-case ASCII folding of s into a malloc'd string. */
static char *fold_lower(const char *s)
{
    char *f = ingest_fold(s, strlen(s));
    if (f)
        for (char *p = f; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    return f;
}

/* Whether words (lower-case) are exactly one gazetteer name of a country or organization,
 * possibly with "'s": "japan's", "u.n.", "japanese". */
static long words_row(const struct ent_ctx *x, const char *words)
{
    struct ingest_tokens tk;
    struct ingest_alias_match *m = NULL;
    size_t count = 0, n;
    long ok = -1;
    char *w = strdup(words);

    if (!w)
        return 0;
    n = strlen(w);
    if (n > 2 && strcmp(w + n - 2, "'s") == 0)
        w[n - 2] = '\0';
    if (ingest_tokenize(w, strlen(w), &tk) == 0) {
        /* the gazetteer matches case-sensitively: try the words capitalized */
        for (size_t i = 0; i < tk.count; i++) {
            char *p = tk.norm + tk.tok[i].norm;
            if (strcmp(p, "of") && strcmp(p, "the") && strcmp(p, "and"))
                p[0] = (char)toupper((unsigned char)p[0]);
            if (strlen(p) <= 4 && strchr(p, '.') == NULL && strcmp(p, "of"))
                for (char *q = p; *q; q++) /* "un", "us", "nsc" */
                    *q = (char)toupper((unsigned char)*q);
        }
        if (ingest_gazetteer_match(x->gz, &tk, &m, &count) == 0 && count == 1 && m[0].first == 0 &&
            m[0].last == tk.count)
            ok = (long)m[0].hits[0].entity;
        free(m);
        ingest_tokens_clear(&tk);
    }
    free(w);
    return ok;
}

/* Whether words are one gazetteer name of a country or an organization ("japan's", "u.n."). */
static int qualifier_words(const struct ent_ctx *x, const char *words)
{
    long r = words_row(x, words);
    const struct ingest_kb_entity *e = r >= 0 ? ingest_gazetteer_entity(x->gz, (size_t)r) : NULL;
    return e && (e->type == INGEST_ENT_COUNTRY || e->type == INGEST_ENT_ORGANIZATION);
}

/* The country row that "<head> of [the] <country>" names, with *head_len set; or -1. */
static long of_country(const struct ent_ctx *x, const char *name, size_t *head_len)
{
    const char *of = strstr(name, " of ");
    const char *rest;
    long r;
    if (!of)
        return -1;
    rest = of + 4;
    if (strncmp(rest, "the ", 4) == 0)
        rest += 4;
    r = words_row(x, rest);
    if (r < 0 || ingest_gazetteer_entity(x->gz, (size_t)r)->type != INGEST_ENT_COUNTRY)
        return -1;
    *head_len = (size_t)(of - name);
    return r;
}

/* An unknown "Foreign Ministry", "Security Council", "Coast Guard": a gazetteer row of the
 * same type with a name that is a qualifier plus these words ("Chinese Foreign Ministry",
 * "UN Security Council") or these words plus "of <country>". One such row: that row; several:
 * the one of the country the context names. Returns the row or -1. */
static long kb_longer_name(struct ent_ctx *x, const struct ent_cand *c)
{
    char *want = fold_lower(c->name);
    size_t wn, hits = 0;
    long first = -1, by_country = -1, ctx = -2;

    if (!want)
        return -1;
    wn = strlen(want);
    if (wn < 4 || !strchr(want, ' ')) {
        free(want);
        return -1;
    }
    size_t head_len = 0;
    long want_country = of_country(x, want, &head_len);

    for (size_t r = 0; r < ingest_gazetteer_count(x->gz); r++) {
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(x->gz, r);
        int match = 0;
        if (e->type != c->type)
            continue;
        /* "Export-Import Bank of the US" for "... of the United States" */
        for (size_t k = 0; k <= e->alias_count && !match && want_country >= 0; k++) {
            const char *cf = kbf(x, r, k == e->alias_count ? KBF_NAME : 3 + k);
            size_t hl = 0;
            if (cf && strncmp(cf, want, head_len + 4) == 0 &&
                of_country(x, cf, &hl) == want_country && hl == head_len)
                match = 1;
        }
        for (size_t k = 0; k <= e->alias_count && !match; k++) {
            const char *cf = kbf(x, r, k == e->alias_count ? KBF_NAME : 3 + k);
            size_t fn = cf ? strlen(cf) : 0;
            char *f;
            if (!cf || fn <= wn || (strcmp(cf + fn - wn, want) != 0 && strncmp(cf, want, wn) != 0))
                continue;
            f = strdup(cf);
            if (!f) {
                x->oom = 1;
                break;
            }
            if (fn > wn + 1 && strcmp(f + fn - wn, want) == 0 && f[fn - wn - 1] == ' ') {
                f[fn - wn - 1] = '\0';
                match = qualifier_words(x, f);
            } else if (fn > wn + 4 && strncmp(f, want, wn) == 0 &&
                       strncmp(f + wn, " of ", 4) == 0) {
                const char *rest = f + wn + 4;
                if (strncmp(rest, "the ", 4) == 0)
                    rest += 4;
                match = qualifier_words(x, rest);
            }
            free(f);
        }
        if (!match)
            continue;
        if (first != (long)r) {
            hits++;
            if (first < 0)
                first = (long)r;
        }
        if (e->country) {
            if (ctx == -2)
                ctx = context_country(x, c->t0);
            if (ctx >= 0 &&
                strcmp(e->country, ingest_gazetteer_entity(x->gz, (size_t)ctx)->id) == 0)
                by_country = (long)r;
        }
    }
    free(want);
    if (hits == 1 && c->t0 > 0) {
        /* "the Chinese Defense Ministry" is not Japan's, though only Japan's is known */
        size_t q = c->t0 - 1;
        const struct ent_cand *o;
        if (is_w(x, q, "'s") && q > 0)
            q--;
        o = owner_cand(x, q);
        if (o && o->type == INGEST_ENT_COUNTRY && o->kb >= 0) {
            const struct ingest_kb_entity *fe = ingest_gazetteer_entity(x->gz, (size_t)first);
            if (fe->country && strcmp(fe->country, kb_of(x, o)->id) != 0)
                return -1;
        }
    }
    if (hits == 1)
        return first;
    return by_country;
}

/* Words of generic organization names: "Foreign Ministry", "Defense Agency". */
static int generic_name(const struct ent_ctx *x, const struct ent_cand *c)
{
    for (size_t i = c->t0; i < c->t1; i++)
        if (!(x->lx[i] & (L_GENERIC | L_CONN)))
            return 0;
    return 1;
}

/* The gazetteer row an unknown name means when it is a row's name or alias in another case
 * ("Mutual Security Treaty"), or the start of the name of a row the text names elsewhere
 * ("the Joint Declaration" after "Joint Declaration on Security"). Returns the row or -1. */
static long kb_same_or_short(struct ent_ctx *x, const struct ent_cand *c, const size_t *rows,
                             size_t nrows)
{
    char *want = fold_lower(c->name);
    size_t wn;
    long found = -1;

    if (!want)
        return -1;
    wn = strlen(want);
    for (size_t r = 0; r < ingest_gazetteer_count(x->gz) && found < 0 && wn >= 4; r++) {
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(x->gz, r);
        if (e->type != c->type)
            continue;
        for (size_t k = 0; k <= e->alias_count && found < 0; k++) {
            const char *f = kbf(x, r, k == e->alias_count ? KBF_NAME : 3 + k);
            if (f && strcmp(f, want) == 0)
                found = (long)r;
        }
    }
    for (size_t k = 0; k < nrows && found < 0 && strchr(want, ' '); k++) {
        const struct ent_cand *o = &x->c[rows[k]];
        const struct ingest_kb_entity *e;
        if (o->t0 >= c->t0 || o->type != c->type)
            continue;
        e = kb_of(x, o);
        for (size_t a = 0; a <= e->alias_count && found < 0; a++) {
            const char *f = kbf(x, (size_t)o->kb, a == e->alias_count ? KBF_NAME : 3 + a);
            if (f && strncmp(f, want, wn) == 0 && f[wn] == ' ')
                found = o->kb;
        }
    }
    free(want);
    return found;
}

static void org_link_pass(struct ent_ctx *x)
{
    struct keymap done = {0}; /* names already looked up: lower-case name -> row + 2 */
    /* the first mention of each gazetteer organization, place or agreement, for
     * kb_same_or_short(): a short list however long the text */
    size_t *rows = malloc((x->nc + 1) * sizeof(*rows)), nrows = 0;

    if (!rows) {
        x->oom = 1;
        return;
    }
    for (size_t ci = 0; ci < x->nc; ci++) {
        const struct ent_cand *o = &x->c[ci];
        int seen = 0;
        if (o->dead || o->kb < 0 || o->type == INGEST_ENT_PERSON || o->type == INGEST_ENT_COUNTRY)
            continue;
        for (size_t k = 0; k < nrows && !seen; k++)
            seen = x->c[rows[k]].kb == o->kb;
        if (!seen && nrows < 256)
            rows[nrows++] = ci;
    }
    for (size_t ci = 0; ci < x->nc && !x->oom; ci++) {
        struct ent_cand *c = &x->c[ci];
        long kb;
        if (c->dead || c->kb >= 0 || c->ref >= 0 || c->type == INGEST_ENT_PERSON ||
            c->type == INGEST_ENT_COUNTRY)
            continue;
        {
            /* the answer depends on the name and on the countries around it */
            char *name = fold_lower(c->name), *key;
            const struct ent_cand *q = c->t0 > 0 ? owner_cand(x, c->t0 - 1) : NULL;
            long prev = -1;
            if (!name) {
                x->oom = 1;
                break;
            }
            key = malloc(strlen(name) + 48);
            if (key) {
                sprintf(key, "%s|%ld|%ld", name, context_country(x, c->t0), q ? q->kb : -1);
                prev = keymap_get(&done, key);
            }
            free(name);
            if (!key) {
                x->oom = 1;
                break;
            }
            if (prev >= 0) {
                kb = prev - 2;
                free(key);
            } else {
                kb = kb_same_or_short(x, c, rows, nrows);
                if (kb < 0)
                    kb = kb_longer_name(x, c);
                if (keymap_put(&done, key, kb + 2) < 0) {
                    x->oom = 1;
                    break;
                }
            }
        }
        if (kb >= 0) {
            c->kb = kb;
            c->rule = "gazetteer-context";
            continue;
        }
        if (c->type == INGEST_ENT_ORGANIZATION && generic_name(x, c)) {
            /* an unknown country's "Ministry of Foreign Affairs": name it with the country */
            long ctx = context_country(x, c->t0);
            if (ctx >= 0) {
                const struct ingest_kb_entity *ce = ingest_gazetteer_entity(x->gz, (size_t)ctx);
                char *name = malloc(strlen(c->name) + strlen(ce->name) + 4);
                if (!name) {
                    x->oom = 1;
                    break;
                }
                sprintf(name, "%s (%s)", c->name, ce->name);
                free(c->name);
                c->name = name;
            }
        }
    }
    free(rows);
    keymap_clear(&done);
}

/* ---- pass 5: the same unknown name again elsewhere in the text ---- */

/* The normalized words of tokens [a, b) joined by single spaces (malloc'd). */
static char *tok_key(const struct ent_ctx *x, size_t a, size_t b, int lower)
{
    size_t n = 0;
    char *k;
    for (size_t i = a; i < b; i++)
        n += x->tk.tok[i].norm_len + 1;
    k = malloc(n + 1);
    if (!k)
        return NULL;
    n = 0;
    for (size_t i = a; i < b; i++) {
        const char *w = lower ? LW(x, i) : W(x, i);
        size_t wl = strlen(w);
        if (i > a)
            k[n++] = ' ';
        memcpy(k + n, w, wl);
        n += wl;
    }
    k[n] = '\0';
    return k;
}

static void repeat_pass(struct ent_ctx *x)
{
    struct keymap m = {0};
    size_t maxlen = 0;

    for (size_t ci = 0; ci < x->nc; ci++) {
        const struct ent_cand *c = &x->c[ci];
        char *key;
        if (c->dead || c->kb >= 0 || c->single || c->t1 - c->t0 > 8 ||
            (c->type == INGEST_ENT_PERSON && c->words < 2))
            continue;
        key = tok_key(x, c->t0, c->t1, 1); /* "HIROSHIMA, Japan -" and later "Hiroshima" */
        if (!key || keymap_put(&m, key, c->ref >= 0 ? c->ref : (long)ci) < 0) {
            x->oom = 1;
            break;
        }
        if (c->t1 - c->t0 > maxlen)
            maxlen = c->t1 - c->t0;
    }
    for (size_t i = 0; i < x->n && m.count && !x->oom; i++) {
        if (x->owner[i] >= 0 || !(TF(x, i) & INGEST_TOK_WORD) || !is_cap(x, i) ||
            (merely_cap(x, i) && strset_has(&x->lowerseen, LW(x, i))))
            continue;
        for (size_t len = maxlen; len >= 1; len--) {
            size_t b = i + len;
            char *key;
            long target;
            int free_span = 1;
            if (b > x->n)
                continue;
            for (size_t k = i; k < b; k++)
                if (x->owner[k] >= 0)
                    free_span = 0;
            if (!free_span || (b < x->n && is_cap(x, b) && x->owner[b] < 0 && glued(x, b) == 0 &&
                               name_word(x, b)))
                continue;
            key = tok_key(x, i, b, 1);
            if (!key) {
                x->oom = 1;
                break;
            }
            target = keymap_get(&m, key);
            free(key);
            if (target >= 0) {
                long ci = cand_add(x, i, b, x->c[target].type, x->c[target].kb, "repeat");
                if (ci >= 0)
                    x->c[ci].ref = target;
                i = b - 1;
                break;
            }
        }
    }
    keymap_clear(&m);
}

/* ---- pass 6: people named again: surnames, "Mr. X", titles with a surname ---- */

/* A person named in full in this text, under one of its surname keys. */
struct surname_ref {
    long cand;
    int secondary; /* a first name that may be a family name ("Geng Shuang") */
};

struct surname_index {
    struct keymap map; /* lower-case key -> index into lists */
    struct surname_ref **lists;
    size_t *counts;
    size_t nlists;
};

static int surname_add(struct ent_ctx *x, struct surname_index *si, char *key, long cand,
                       int secondary)
{
    long li;
    struct surname_ref *l;

    if (!key)
        return -1;
    li = keymap_get(&si->map, key);
    if (li < 0) {
        struct surname_ref **nl = realloc(si->lists, (si->nlists + 1) * sizeof(*nl));
        size_t *nc;
        if (!nl) {
            free(key);
            return -1;
        }
        si->lists = nl;
        nc = realloc(si->counts, (si->nlists + 1) * sizeof(*nc));
        if (!nc) {
            free(key);
            return -1;
        }
        si->counts = nc;
        si->lists[si->nlists] = NULL;
        si->counts[si->nlists] = 0;
        li = (long)si->nlists++;
        if (keymap_put(&si->map, key, li) < 0)
            return -1;
    } else {
        free(key);
    }
    l = realloc(si->lists[li], (si->counts[li] + 1) * sizeof(*l));
    if (!l)
        return -1;
    l[si->counts[li]].cand = cand;
    l[si->counts[li]].secondary = secondary;
    si->lists[li] = l;
    si->counts[li]++;
    (void)x;
    return 0;
}

static void surname_clear(struct surname_index *si)
{
    for (size_t i = 0; i < si->nlists; i++)
        free(si->lists[i]);
    free(si->lists);
    free(si->counts);
    keymap_clear(&si->map);
}

static int surname_build(struct ent_ctx *x, struct surname_index *si)
{
    for (size_t ci = 0; ci < x->nc; ci++) {
        const struct ent_cand *c = &x->c[ci];
        if (c->dead || c->type != INGEST_ENT_PERSON || c->single || c->ref >= 0)
            continue;
        if (c->kb >= 0) {
            const struct ingest_kb_entity *e = kb_of(x, c);
            if (e->surname && surname_add(x, si, fold_lower(e->surname), (long)ci, 0) < 0)
                return -1;
            continue;
        }
        if (c->words >= 2) {
            size_t last = c->t1, first = c->t0, s;
            while (last > first && ((x->lx[last - 1] & L_SUFFIX) || !is_word(x, last - 1) ||
                                    (TF(x, last - 1) & INGEST_TOK_INITIAL)))
                last--;
            if (last <= first)
                continue;
            s = last - 1;
            while (s > first + 1 && is_w(x, s - 1, "-") && glued(x, s - 1))
                s -= 2; /* "Tse-min" */
            while (s > first + 1 && (x->lx[s - 1] & L_PART))
                s--; /* "del Rosario" */
            if (surname_add(x, si, tok_key(x, s, last, 1), (long)ci, 0) < 0)
                return -1;
            if (s > first && !(TF(x, first) & INGEST_TOK_INITIAL) &&
                surname_add(x, si, tok_key(x, first, first + 1, 1), (long)ci,
                            (x->lx[first] & L_ZH) ? 0 : 1) < 0)
                return -1;
        }
    }
    return 0;
}

/* The person a surname at token i refers to: the nearest full mention before it, else the
 * first one after it (a headline names people before the text does). */
static long surname_lookup(const struct ent_ctx *x, const struct surname_index *si, const char *key,
                           size_t i)
{
    long li = keymap_get(&si->map, key), before = -1, after = -1;
    int pass;

    if (li < 0)
        return -1;
    for (pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < si->counts[li]; k++) {
            const struct surname_ref *r = &si->lists[li][k];
            const struct ent_cand *c = &x->c[r->cand];
            if (r->secondary != pass)
                continue;
            if (c->t0 < i && (before < 0 || c->t0 > x->c[before].t0))
                before = r->cand;
            if (c->t0 > i && (after < 0 || c->t0 < x->c[after].t0))
                after = r->cand;
        }
        if (before >= 0 || after >= 0)
            break;
    }
    return before >= 0 ? before : after;
}

/* A gazetteer person with this surname: the only one in office on the date, or (with a
 * person context) the only one at all. Returns the row or -1. */
static long kb_surname(struct ent_ctx *x, const char *lkey, int person_context)
{
    long active = -1, any = -1;
    size_t nactive = 0, nany = 0;

    for (size_t r = 0; r < ingest_gazetteer_count(x->gz); r++) {
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(x->gz, r);
        const char *f;
        if (e->type != INGEST_ENT_PERSON || !e->surname)
            continue;
        f = kbf(x, r, KBF_SURNAME);
        if (!f || strcmp(f, lkey) != 0)
            continue;
        nany++;
        any = (long)r;
        if (x->doc_date && ingest_gazetteer_role_on(e, x->doc_date)) {
            nactive++;
            active = (long)r;
        }
    }
    if (nactive == 1)
        return active;
    if (person_context && nany == 1 && nactive == 0)
        return any;
    return -1;
}

static void surname_pass(struct ent_ctx *x)
{
    struct surname_index si = {0};

    if (surname_build(x, &si) < 0) {
        x->oom = 1;
        surname_clear(&si);
        return;
    }
    /* one-word mentions already found: "Mr. Tanabe", "Prime Minister Wong" */
    for (size_t ci = 0; ci < x->nc && !x->oom; ci++) {
        struct ent_cand *c = &x->c[ci];
        char *key;
        long target;
        if (c->dead || !c->single || c->ref >= 0)
            continue;
        key = tok_key(x, c->t0, c->t1, 1);
        if (!key) {
            x->oom = 1;
            break;
        }
        target = surname_lookup(x, &si, key, c->t0);
        if (target >= 0) {
            c->ref = target;
            c->rule = c->rule && strcmp(c->rule, "honorific") == 0 ? "honorific" : "surname";
        } else {
            long kb = kb_surname(x, key, 1);
            if (kb >= 0) {
                c->kb = kb;
                free(c->name);
                c->name = NULL;
            }
        }
        free(key);
    }
    /* bare surnames */
    for (size_t i = 0; i < x->n && !x->oom; i++) {
        size_t b;
        long target = -1;
        char *key = NULL;

        if (x->owner[i] >= 0 || !is_cap(x, i) || !(TF(x, i) & INGEST_TOK_WORD) ||
            (x->lx[i] & (L_FUNC | L_TIME | L_DET | L_HON)) || (TF(x, i) & INGEST_TOK_ABBR))
            continue;
        if (i > 0 && name_word(x, i - 1) && same_sent(x, i - 1, i) && !merely_cap(x, i - 1) &&
            !(x->lx[i] & L_PART))
            continue; /* the end of a longer name */
        for (b = i + 3 < x->n ? i + 3 : x->n; b > i; b--) {
            int ok = 1;
            for (size_t k = i; k < b; k++)
                if (x->owner[k] >= 0 || !is_word(x, k))
                    ok = 0;
            if (!ok)
                continue;
            key = tok_key(x, i, b, 1);
            if (!key) {
                x->oom = 1;
                break;
            }
            target = surname_lookup(x, &si, key, i);
            if (target >= 0)
                break;
            free(key);
            key = NULL;
        }
        if (x->oom)
            break;
        if (target >= 0 && b < x->n && name_word(x, b) && !glued(x, b))
            target = -1; /* "Tanabe" in "Tanabe Hiroshi Sato"? a longer name */
        if (target >= 0) {
            long ci = cand_add(x, i, b, INGEST_ENT_PERSON, -1, "surname");
            if (ci >= 0) {
                x->c[ci].ref = target;
                x->c[ci].single = 0;
            }
            free(key);
            i = b - 1;
            continue;
        }
        free(key);
        if (x->head[i] || merely_cap(x, i) || name_word(x, i + 1) || !name_word(x, i))
            continue;
        key = tok_key(x, i, i + 1, 1);
        if (!key) {
            x->oom = 1;
            break;
        }
        {
            int ctx = is_lw(x, i + 1, "administration") || is_lw(x, i + 1, "government") ||
                      is_lw(x, i + 1, "cabinet") ||
                      (is_w(x, i + 1, "'s") &&
                       (is_lw(x, i + 2, "administration") || is_lw(x, i + 2, "government")));
            long kb = kb_surname(x, key, ctx);
            if (kb >= 0) {
                long ci = cand_add(x, i, i + 1, INGEST_ENT_PERSON, kb, "surname");
                if (ci >= 0)
                    x->c[ci].words = 1;
            }
        }
        free(key);
    }
    surname_clear(&si);
    /* one-word mentions left: unknown people known by that word only */
}

/* ---- pass 7: a title alone for a person named before: "the defense minister" ---- */

/* Abbreviated title words spelled out, for comparing titles. */
static const char *title_word_norm(const char *w)
{
    static const char *const map[][2] = {
        {"gov.", "governor"},   {"sen.", "senator"},    {"rep.", "representative"},
        {"gen.", "general"},    {"lt.", "lieutenant"},  {"col.", "colonel"},
        {"adm.", "admiral"},    {"prof.", "professor"}, {"amb.", "ambassador"},
        {"defence", "defense"}, {"capt.", "captain"},   {"maj.", "major"},
        {"premier", "premier"},
    };
    for (size_t k = 0; k < sizeof(map) / sizeof(map[0]); k++)
        if (strcmp(map[k][0], w) == 0)
            return map[k][1];
    return w;
}

/* Whether the words of [a, b) all appear among the words of role, and role adds no modifier
 * that makes it another office ("the secretary" is not an "assistant secretary"). */
static int role_matches(const struct ent_ctx *x, size_t a, size_t b, const char *role)
{
    char *f, *p, *save = NULL;
    char words[32][32];
    size_t nw = 0;
    int ok = 1;
    const char *head = title_word_norm(LW(x, b - 1));

    /* most roles fail on the role noun: a cheap test first ("Gov." for "governor") */
    if (!strcasestr(role, head)) {
        static const char *const abbr[][2] = {
            {"governor", "gov."},       {"senator", "sen."},    {"admiral", "adm."},
            {"general", "gen."},        {"colonel", "col."},    {"professor", "prof."},
            {"representative", "rep."}, {"ambassador", "amb."}, {"captain", "capt."},
            {"lieutenant", "lt."},      {"defense", "defence"},
        };
        int any = 0;
        for (size_t k = 0; k < sizeof(abbr) / sizeof(abbr[0]) && !any; k++)
            any = strcmp(abbr[k][0], head) == 0 && strcasestr(role, abbr[k][1]);
        if (!any)
            return 0;
    }
    f = fold_lower(role);
    if (!f)
        return 0;
    for (p = strtok_r(f, " ,-()", &save); p && nw < 32; p = strtok_r(NULL, " ,-()", &save)) {
        size_t n = strlen(p);
        if (n > 2 && strcmp(p + n - 2, "'s") == 0)
            p[n - 2] = '\0';
        snprintf(words[nw++], sizeof(words[0]), "%s", title_word_norm(p));
    }
    free(f);
    for (size_t i = a; i < b && ok; i++) {
        const char *w = title_word_norm(LW(x, i));
        int found = 0;
        if (!(TF(x, i) & INGEST_TOK_WORD) || (x->lx[i] & (L_CONN | L_DET)))
            continue;
        for (size_t k = 0; k < nw && !found; k++)
            found = strcmp(words[k], w) == 0;
        ok = found;
    }
    for (size_t k = 0; k < nw && ok; k++) {
        unsigned l = lex_get(&x->lex, words[k]);
        int in_phrase = 0;
        if (!(l & L_QUALMOD))
            continue;
        for (size_t i = a; i < b && !in_phrase; i++)
            in_phrase = strcmp(title_word_norm(LW(x, i)), words[k]) == 0;
        if (!in_phrase)
            ok = 0;
    }
    return ok;
}

/* The roles a person candidate carries: the one stated at the mention, and the gazetteer's
 * on the date. */
static int cand_role_matches(const struct ent_ctx *x, long ci, size_t a, size_t b)
{
    const struct ent_cand *c = &x->c[ci], *root = &x->c[cand_root(x, ci)];
    if (c->role && role_matches(x, a, b, c->role))
        return 1;
    if (c->title && role_matches(x, a, b, c->title))
        return 1;
    if (root->role && role_matches(x, a, b, root->role))
        return 1;
    if (root->title && role_matches(x, a, b, root->title))
        return 1;
    if (root->kb >= 0) {
        const struct ingest_kb_role *r = ingest_gazetteer_role_on(kb_of(x, root), x->doc_date);
        if (r && role_matches(x, a, b, r->title))
            return 1;
    }
    return 0;
}

static void roleref_pass(struct ent_ctx *x)
{
    for (size_t i = 0; i + 1 < x->n && !x->oom; i++) {
        size_t a, b, h = (size_t)-1;
        long best = -1;

        if (!is_lw(x, i, "the") ||
            (x->owner[i + 1] >= 0 && x->c[x->owner[i + 1]].type != INGEST_ENT_COUNTRY))
            continue;
        a = i + 1;
        if (x->owner[a] >= 0) {
            const struct ent_cand *q = &x->c[x->owner[a]];
            if (q->type != INGEST_ENT_COUNTRY)
                continue;
            a = q->t1;
        }
        if (is_w(x, a, "'s"))
            a++;
        /* modifiers and a head: "defense minister", "prime minister", "secretary" */
        for (b = a; b < x->n && b - a < 4 && x->owner[b] < 0 && (TF(x, b) & INGEST_TOK_WORD) &&
                    (x->lx[b] & (L_TITLE | L_HEAD)) && !(x->lx[b] & (L_CONN | L_DET));
             b++)
            if (x->lx[b] & L_ROLEREF)
                h = b;
        if (h == (size_t)-1 || h + 1 != b)
            continue;
        /* "secretary of state", "minister of defense" */
        if (is_lw(x, b, "of") && b + 1 < x->n && (x->lx[b + 1] & L_TITLE) &&
            !(x->lx[b + 1] & (L_CONN | L_DET)) && x->owner[b + 1] < 0)
            b += 2;
        /* not a title attached to a name: "the mayor of Kyotango, Tadashi Nakayama" */
        if (name_word(x, b) || (x->owner[b] >= 0 && x->c[x->owner[b]].type == INGEST_ENT_PERSON))
            continue;
        if (is_w(x, b, ",") &&
            (name_word(x, b + 1) || (x->lx[b + 1] & (L_TITLE | L_HON)) ||
             (x->owner[b + 1] >= 0 && x->c[x->owner[b + 1]].type == INGEST_ENT_PERSON)))
            continue;
        if (is_lw(x, b, "of") && is_cap(x, b + 1))
            continue; /* "the governor of Okinawa": an office described, not a person */
        if (i >= 2 && is_w(x, i - 1, ",") && x->owner[i - 2] >= 0 &&
            x->c[x->owner[i - 2]].type == INGEST_ENT_PERSON)
            continue; /* an apposition */
        for (size_t k = i; k-- > 0 && i - k < 2000;) {
            long ci = x->owner[k];
            if (ci < 0 || x->c[ci].type != INGEST_ENT_PERSON || x->c[ci].dead)
                continue;
            if (cand_role_matches(x, ci, a, b)) {
                best = ci;
                break;
            }
            k = x->c[ci].t0;
        }
        if (best >= 0) {
            long ci = cand_add(x, a, b, INGEST_ENT_PERSON, -1, "role-reference");
            if (ci >= 0) {
                x->c[ci].ref = cand_root(x, best);
                x->c[ci].role = span_text(x, a, b);
            }
            i = b - 1;
        }
    }
}

/* ---- pass 8: "Washington", "Tokyo", "Beijing" as governments ---- */

static int agent_verb(const struct ent_ctx *x, size_t i)
{
    const char *w = LW(x, i);
    if (!(TF(x, i) & INGEST_TOK_WORD) || is_cap(x, i))
        return 0;
    for (size_t k = 0; k < LEX_N(lex_agent); k++)
        if (strncmp(w, lex_agent[k], strlen(lex_agent[k])) == 0)
            return 1;
    return 0;
}

/* Whether the words after token i make it the subject of a government's verb. */
static int is_adverb(const struct ent_ctx *x, size_t k)
{
    const char *w = LW(x, k);
    size_t n = strlen(w);
    return !is_cap(x, k) && n > 4 && strcmp(w + n - 2, "ly") == 0;
}

static int is_modal(const struct ent_ctx *x, size_t k)
{
    return is_lw(x, k, "must") || is_lw(x, k, "will") || is_lw(x, k, "would") ||
           is_lw(x, k, "should") || is_lw(x, k, "can") || is_lw(x, k, "could") ||
           is_lw(x, k, "may") || is_lw(x, k, "might") || is_lw(x, k, "cannot");
}

static int verb_follows(const struct ent_ctx *x, size_t i)
{
    size_t k = i;
    int modal = 0;
    while (k < x->n && k - i < 5 && ((x->lx[k] & L_AUX) || is_adverb(x, k)) && !agent_verb(x, k)) {
        modal |= is_modal(x, k);
        k++;
    }
    if (k < x->n && agent_verb(x, k))
        return 1;
    /* "Tokyo must constantly weigh ...": a modal and a verb; a city does not */
    if (modal && k < x->n && !is_cap(x, k) && (TF(x, k) & INGEST_TOK_WORD) &&
        !(x->lx[k] & (L_DET | L_CONN)))
        return 1;
    /* "Beijing has ...", "Tokyo is locked with ...": an auxiliary alone before a verb form */
    return k > i && k < x->n && !is_cap(x, k) && (TF(x, k) & INGEST_TOK_WORD) &&
           !(x->lx[k] & (L_DET | L_CONN)) && strlen(LW(x, k)) > 3 &&
           (strcmp(LW(x, k) + strlen(LW(x, k)) - 2, "ed") == 0);
}

static int metonym_place(const struct ent_ctx *x, const struct ent_cand *c)
{
    const struct ingest_kb_entity *e = kb_of(x, c);
    return c->type == INGEST_ENT_PLACE && e && e->metonym_for;
}

static int is_metonym_or_country(const struct ent_ctx *x, size_t i)
{
    const struct ent_cand *c = owner_cand(x, i);
    return c && !c->demonym && (c->type == INGEST_ENT_COUNTRY || metonym_place(x, c));
}

static int is_quote_mark(const struct ent_ctx *x, size_t i);

static int metonym_gov(const struct ent_ctx *x, const struct ent_cand *c)
{
    size_t a = c->t0, b = c->t1, p = a > 0 ? a - 1 : 0;

    /* "the rest is up to Beijing", "neither does Manila": idioms whose X decides or acts */
    if (a >= 2 && is_lw(x, a - 1, "to") && is_lw(x, a - 2, "up"))
        return 1;
    if (a >= 2 && (is_lw(x, a - 1, "does") || is_lw(x, a - 1, "did")) &&
        (is_lw(x, a - 2, "neither") || is_lw(x, a - 2, "nor") || is_lw(x, a - 2, "so")))
        return 1;
    /* places: "in Tokyo", "Washington-based", "TOKYO —" */
    if (a > 0 && (x->lx[a - 1] & L_LOCPREP) && !is_lw(x, a - 1, "toward") &&
        !is_lw(x, a - 1, "towards"))
        return 0;
    if (is_w(x, b, "-") && glued(x, b))
        return 0;
    if ((TF(x, a) & INGEST_TOK_PARA) && (is_w(x, b, "-") || is_w(x, b, ",")))
        return 0;
    /* "Beijing's military modernization", "Tokyo's plans" */
    if (is_w(x, b, "'s")) {
        size_t k = b + 1;
        while (k < x->n && k - b < 3 && !(x->lx[k] & L_GOVNOUN) && !is_cap(x, k) &&
               (TF(x, k) & INGEST_TOK_WORD) && !(x->lx[k] & (L_DET | L_CONN | L_PLACENOUN)))
            k++; /* not past a place noun: "Tokyo's city limits" are the city's */
        return k < x->n && (x->lx[k] & L_GOVNOUN) != 0;
    }
    if (verb_follows(x, b))
        return 1;
    /* "Pyongyang reads these pictures closely": a verb in the present and its object */
    if (b + 1 < x->n && !is_cap(x, b) && (TF(x, b) & INGEST_TOK_WORD) && strlen(LW(x, b)) > 3 &&
        LW(x, b)[strlen(LW(x, b)) - 1] == 's' && LW(x, b)[strlen(LW(x, b)) - 2] != 's' &&
        (x->sstart[a] || (a > 0 && is_lw(x, a - 1, "and"))) &&
        ((x->lx[b + 1] & L_DET) || is_lw(x, b + 1, "these") || is_lw(x, b + 1, "those") ||
         is_lw(x, b + 1, "this") || is_lw(x, b + 1, "its") || is_lw(x, b + 1, "their") ||
         is_adverb(x, b + 1)))
        return 1;
    /* "that Beijing "was not consulted"": the subject of a reported clause quoted after it */
    if (a > 0 && is_lw(x, a - 1, "that") && b + 1 < x->n && is_quote_mark(x, b) &&
        (is_lw(x, b + 1, "was") || is_lw(x, b + 1, "is") || is_lw(x, b + 1, "had") ||
         is_lw(x, b + 1, "has") || is_lw(x, b + 1, "would") || is_lw(x, b + 1, "will")))
        return 1;
    /* "..., and Beijing noticed": a clause's subject followed by a verb in the past */
    if (b < x->n && !is_cap(x, b) && (TF(x, b) & INGEST_TOK_WORD) && strlen(LW(x, b)) > 4 &&
        strcmp(LW(x, b) + strlen(LW(x, b)) - 2, "ed") == 0 && !(x->lx[b] & L_CONN) &&
        (x->sstart[a] || (a > 0 && is_lw(x, a - 1, "and"))))
        return 1;
    /* "that Washington was not in a hurry": the subject of a reported clause */
    if (a > 0 && is_lw(x, a - 1, "that") &&
        (is_lw(x, b, "was") || is_lw(x, b, "is") || is_lw(x, b, "had") || is_lw(x, b, "has") ||
         is_lw(x, b, "would") || is_lw(x, b, "will")))
        return 1;
    /* "Washington and Tokyo", "Beijing, Tokyo, and Washington", "Beijing and Moscow called" */
    for (size_t k = b; k < x->n && k - b < 6; k++) {
        if (is_w(x, k, ",") || is_w(x, k, "and") || is_w(x, k, "or"))
            continue;
        if (is_metonym_or_country(x, k) ||
            (owner_cand(x, k) && owner_cand(x, k)->type == INGEST_ENT_PLACE)) {
            const struct ent_cand *o = owner_cand(x, k);
            if (k == b)
                break;
            if (metonym_place(x, o))
                return 1;
            if (!is_w(x, k - 1, ","))
                return verb_follows(x, o->t1) || (a > 0 && (x->lx[a - 1] & L_OBJVERB));
        }
        break;
    }
    if (a > 0 && (x->lx[p] & L_OBJVERB))
        return 1;
    while (p > 0 && (is_lw(x, p, "only") || is_lw(x, p, "also") || is_lw(x, p, "both")))
        p--;
    if (x->lx[p] & L_OBJVERB)
        return 1;
    if (a >= 2 && is_lw(x, a - 1, "on") &&
        (is_lw(x, a - 2, "pressure") || is_lw(x, a - 2, "sanctions") ||
         is_lw(x, a - 2, "pressing") || is_lw(x, a - 2, "calls")))
        return 1;
    if (a >= 2 && is_w(x, a - 1, ",") &&
        (is_lw(x, a - 2, "ally") || is_lw(x, a - 2, "partner") || is_lw(x, a - 2, "rival")))
        return 1;
    /* coordinated after another government: "Tokyo and Washington both need" */
    {
        size_t q = a;
        while (q > 0 && a - q < 2 &&
               (is_w(x, q - 1, "and") || is_w(x, q - 1, ",") || is_w(x, q - 1, "or")))
            q--;
        p = q > 0 ? q - 1 : 0;
    }
    if (p + 1 < a && is_metonym_or_country(x, p)) {
        const struct ent_cand *o = owner_cand(x, p);
        if (metonym_place(x, o) || o->type == INGEST_ENT_COUNTRY)
            return verb_follows(x, b) || (o->t0 > 0 && (x->lx[o->t0 - 1] & L_OBJVERB)) ||
                   metonym_place(x, o);
    }
    return 0;
}

static void metonym_pass(struct ent_ctx *x)
{
    /* decide all first, then change: the decisions look at each other */
    unsigned char *gov = calloc(x->nc + 1, 1);
    if (!gov) {
        x->oom = 1;
        return;
    }
    for (size_t ci = 0; ci < x->nc; ci++) {
        const struct ent_cand *c = &x->c[ci];
        if (!c->dead && metonym_place(x, c) && !x->head[c->t0])
            gov[ci] = (unsigned char)metonym_gov(x, c);
    }
    for (size_t ci = 0; ci < x->nc; ci++) {
        struct ent_cand *c = &x->c[ci];
        const struct ingest_kb_entity *m;
        if (!gov[ci])
            continue;
        m = ingest_gazetteer_find(x->gz, kb_of(x, c)->metonym_for);
        if (!m)
            continue;
        c->kb = (long)(m - ingest_gazetteer_entity(x->gz, 0));
        c->type = m->type;
        c->rule = "metonym";
    }
    free(gov);
}

/* ---- pass 9: unknown people the gazetteer knows under another spelling ---- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            cur[j] = d;
        }
        memcpy(prev, cur, sizeof(cur));
    }
    return prev[lb];
}

/* "Bernhard Bot" (Bernard Bot), "Yuko Hatoyama" (Yukio Hatoyama): same surname, a given name
 * one or two letters away, and (with a date) in office on the date. */
static void fuzzy_person_pass(struct ent_ctx *x)
{
    for (size_t ci = 0; ci < x->nc && !x->oom; ci++) {
        struct ent_cand *c = &x->c[ci];
        size_t last;
        char *sur, *given;
        long found = -1;
        int n = 0;

        if (c->dead || c->type != INGEST_ENT_PERSON || c->kb >= 0 || c->ref >= 0 || c->words != 2)
            continue;
        last = c->t1 - 1;
        if (!is_word(x, c->t0) || !is_word(x, last) || last == c->t0)
            continue;
        sur = strdup(LW(x, last));
        given = strdup(LW(x, c->t0));
        if (!sur || !given) {
            free(sur);
            free(given);
            x->oom = 1;
            return;
        }
        for (size_t r = 0; r < ingest_gazetteer_count(x->gz); r++) {
            const struct ingest_kb_entity *e = ingest_gazetteer_entity(x->gz, r);
            const char *es, *eg;
            int ok;
            if (e->type != INGEST_ENT_PERSON || !e->surname || !e->given_name)
                continue;
            es = kbf(x, r, KBF_SURNAME);
            eg = kbf(x, r, KBF_GIVEN);
            ok = es && eg && strcmp(es, sur) == 0 && eg[0] == given[0] &&
                 edit_distance(eg, given) <= 2 &&
                 (!x->doc_date || ingest_gazetteer_role_on(e, x->doc_date));
            if (ok) {
                found = (long)r;
                n++;
            }
        }
        free(sur);
        free(given);
        if (n == 1) {
            c->kb = found;
            free(c->name);
            c->name = NULL;
        }
    }
}

/* ---- pass 10: gender from pronouns ---- */

/* 1 for a double quote mark token (straight or curly: the normalized form is '"'). */
static int is_quote_mark(const struct ent_ctx *x, size_t i)
{
    return strcmp(W(x, i), "\"") == 0;
}

/* A subject pronoun, or a capitalized possessive opening a sentence ("Her colleague"): these
 * refer back to the last person named; an object "told her" often refers to someone else. */
static int pronoun_gender(const struct ent_ctx *x, size_t i)
{
    const char *w = LW(x, i);
    int sign = (x->lx[i] & L_PRON_M) ? 1 : (x->lx[i] & L_PRON_F) ? -1 : 0;

    if (!sign)
        return 0;
    if (!strcmp(w, "he") || !strcmp(w, "she"))
        return sign;
    if ((!strcmp(w, "his") || !strcmp(w, "her")) && x->sstart[i])
        return sign;
    return 0;
}

/* For people whose gender no honorific or gazetteer gives: the first he/she after a mention
 * outside quotation marks, in that sentence or the next, with no other person in between and
 * the quoted words skipped ("Saito, then a negotiator, disagreed. \"...,\" he said."); the
 * majority over the mentions. A mention inside quotation marks does not vote: the narrator's
 * pronouns after it belong to the speaker. votes[d] counts for out->entities[d] (+ male,
 * - female). */
static void pronoun_votes(const struct ent_ctx *x, const struct ingest_entity_result *out,
                          const struct keymap *ents, int *votes)
{
    size_t t = 0, scan = 0;
    int inq = 0;

    for (size_t k = 0; k < out->mention_count; k++) {
        const struct ingest_mention *m = &out->mentions[k];
        long di = keymap_get(ents, m->entity_id);
        size_t limit, extra;
        int q;

        while (t < x->n && x->tk.tok[t].start < m->clean.end)
            t++; /* the mentions are in text order: t only moves forward */
        for (; scan < t; scan++) { /* quotation state at the mention, reset per paragraph */
            if (scan > 0 && x->para[scan] != x->para[scan - 1])
                inq = 0;
            if (is_quote_mark(x, scan))
                inq = !inq;
        }
        if (m->type != INGEST_ENT_PERSON || di < 0 || out->entities[di].gender || t == 0 || inq)
            continue;
        /* "asked about Lin's remarks, ... she said": a possessor is not whom the next
         * pronoun means */
        if (t < x->n && is_w(x, t, "'s"))
            continue;
        limit = x->sent[t - 1] + 1;
        q = 0;
        extra = 0; /* sentences inside the skipped quotation do not count */
        for (size_t j = t; j < x->n && j - t < 160; j++) {
            int g;
            if (x->para[j] != x->para[t - 1])
                break;
            if (q && j > t && x->sent[j] != x->sent[j - 1])
                extra++;
            if (x->sent[j] > limit + extra)
                break;
            if (is_quote_mark(x, j)) {
                q = !q;
                continue;
            }
            if (q)
                continue;
            if (x->owner[j] >= 0 && x->c[x->owner[j]].type == INGEST_ENT_PERSON)
                break;
            if ((g = pronoun_gender(x, j)) != 0) {
                votes[di] += g;
                break;
            }
        }
    }
}

/* ---- output ---- */

static int mention_cmp(const void *a, const void *b)
{
    const struct ingest_mention *x = a, *y = b;
    return x->clean.start < y->clean.start ? -1 : x->clean.start > y->clean.start;
}

static size_t sentence_of(const struct ingest_range *s, size_t count, size_t off)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < count ? lo : count ? count - 1 : 0;
}

static char *dup_or_null(const char *s, int *oom)
{
    char *d;
    if (!s)
        return NULL;
    d = strdup(s);
    if (!d)
        *oom = 1;
    return d;
}

static int doc_entity_add_role(struct ingest_doc_entity *de, const char *role)
{
    char **r;
    for (size_t k = 0; k < de->role_count; k++)
        if (strcmp(de->roles[k], role) == 0)
            return 0;
    r = realloc(de->roles, (de->role_count + 1) * sizeof(*r));
    if (!r)
        return -1;
    de->roles = r;
    de->roles[de->role_count] = strdup(role);
    if (!de->roles[de->role_count])
        return -1;
    de->role_count++;
    return 0;
}

/* The gender a full name's given name tells ("Timothy Rourke": 'm'), or 0. */
static char given_gender(const struct ent_ctx *x, const char *name)
{
    char w[32];
    size_t n = 0;
    unsigned f;

    if (!name)
        return 0;
    n = strlen(name);
    if (n > 4 && (!strcmp(name + n - 4, " Jr.") || !strcmp(name + n - 4, " Sr.") ||
                  !strcmp(name + n - 3, " Jr") || !strcmp(name + n - 3, " Sr")))
        return 'm'; /* "Ferdinand Marcos Jr.": a son named after his father */
    n = 0;
    while (name[n] && name[n] != ' ' && n + 1 < sizeof(w)) {
        w[n] = (char)tolower((unsigned char)name[n]);
        n++;
    }
    if (name[n] != ' ')
        return 0; /* one word: a surname, or too long to be a given name */
    w[n] = '\0';
    f = lex_get(&x->lex, w);
    return (f & L_GIVEN_M) ? 'm' : (f & L_GIVEN_F) ? 'f' : 0;
}

static int build_output(struct ent_ctx *x, const struct ingest_range *sentences,
                        size_t sentence_count, struct ingest_entity_result *out)
{
    char **ids = calloc(x->nc + 1, sizeof(*ids));
    size_t live = 0;
    int oom = 0;
    struct keymap ents = {0};

    if (!ids)
        return -1;
    /* the identity of every live candidate */
    for (size_t ci = 0; ci < x->nc && !oom; ci++) {
        const struct ent_cand *c = &x->c[ci], *root;
        if (c->dead)
            continue;
        root = &x->c[cand_root(x, (long)ci)];
        if (root->kb >= 0)
            ids[ci] = strdup(kb_of(x, root)->id);
        else if (root->id)
            ids[ci] = strdup(root->id);
        else
            ids[ci] = ingest_slug(root->name ? root->name : "");
        if (!ids[ci])
            oom = 1;
        else if (!ids[ci][0]) {
            free(ids[ci]);
            ids[ci] = NULL; /* nothing to call it (a name in an unknown script) */
        } else
            live++;
    }
    out->mentions = calloc(live + 1, sizeof(*out->mentions));
    out->entities = calloc(live + 1, sizeof(*out->entities));
    if (oom || !out->mentions || !out->entities)
        goto fail;
    for (size_t ci = 0; ci < x->nc; ci++) {
        const struct ent_cand *c = &x->c[ci], *root;
        struct ingest_mention *m;
        const struct ingest_kb_entity *e;
        if (!ids[ci])
            continue;
        root = &x->c[cand_root(x, (long)ci)];
        e = kb_of(x, root);
        m = &out->mentions[out->mention_count++];
        m->clean.start = x->tk.tok[c->t0].start;
        m->clean.end = x->tk.tok[c->t1 - 1].end;
        m->sentence = sentences ? sentence_of(sentences, sentence_count, m->clean.start) : 0;
        m->type = root->kb >= 0 ? e->type : root->type;
        if (c->type == INGEST_ENT_COUNTRY && root->type != INGEST_ENT_COUNTRY && e &&
            e->type == INGEST_ENT_COUNTRY)
            m->type = INGEST_ENT_COUNTRY;
        m->entity_id = dup_or_null(ids[ci], &oom);
        m->name = dup_or_null(e ? e->name : root->name, &oom);
        m->kb = e != NULL;
        m->role = dup_or_null(c->type == INGEST_ENT_PERSON ? c->role : NULL, &oom);
        m->role_from = m->role ? "text" : NULL;
        m->rule = c->rule ? c->rule : "gazetteer";
        m->demonym = c->demonym;
        m->gender = c->gender;
    }
    if (oom)
        goto fail;
    qsort(out->mentions, out->mention_count, sizeof(*out->mentions), mention_cmp);
    /* roles: stated here, else the gazetteer's on the date, else stated elsewhere */
    for (size_t k = 0; k < out->mention_count; k++) {
        struct ingest_mention *m = &out->mentions[k];
        const struct ingest_kb_entity *e;
        const struct ingest_kb_role *r;
        if (m->type != INGEST_ENT_PERSON || m->role)
            continue;
        e = m->kb ? ingest_gazetteer_find(x->gz, m->entity_id) : NULL;
        r = e ? ingest_gazetteer_role_on(e, x->doc_date) : NULL;
        if (r) {
            m->role = dup_or_null(r->title, &oom);
            m->role_from = "gazetteer";
            continue;
        }
        for (size_t d = 1; d < out->mention_count && !m->role; d++) {
            /* the nearest stated role before, then after */
            const struct ingest_mention *o = NULL;
            if (k >= d && out->mentions[k - d].role_from &&
                strcmp(out->mentions[k - d].role_from, "text") == 0 &&
                strcmp(out->mentions[k - d].entity_id, m->entity_id) == 0)
                o = &out->mentions[k - d];
            if (o && strcmp(o->rule, "role-reference") != 0) {
                m->role = dup_or_null(o->role, &oom);
                m->role_from = "text";
            }
        }
        for (size_t d = k + 1; d < out->mention_count && !m->role; d++) {
            const struct ingest_mention *o = &out->mentions[d];
            if (o->role && o->role_from && strcmp(o->role_from, "text") == 0 &&
                strcmp(o->rule, "role-reference") != 0 && strcmp(o->entity_id, m->entity_id) == 0) {
                m->role = dup_or_null(o->role, &oom);
                m->role_from = "text";
            }
        }
    }
    /* the entities of the document, in order of first mention */
    for (size_t k = 0; k < out->mention_count && !oom; k++) {
        struct ingest_mention *m = &out->mentions[k];
        long di = keymap_get(&ents, m->entity_id);
        struct ingest_doc_entity *de;
        if (di < 0) {
            char *key = strdup(m->entity_id);
            di = (long)out->entity_count;
            if (!key || keymap_put(&ents, key, di) < 0) {
                oom = 1;
                break;
            }
            de = &out->entities[out->entity_count++];
            de->id = dup_or_null(m->entity_id, &oom);
            de->name = dup_or_null(m->name, &oom);
            de->type = m->type;
            de->kb = m->kb;
            if (m->kb) {
                const struct ingest_kb_entity *e = ingest_gazetteer_find(x->gz, m->entity_id);
                if (e && e->gender && (e->gender[0] == 'm' || e->gender[0] == 'f'))
                    de->gender = e->gender[0];
            }
        }
        de = &out->entities[di];
        de->mention_count++;
        if (!de->gender && m->gender)
            de->gender = m->gender;
        if (m->role && m->role_from && strcmp(m->role_from, "text") == 0 &&
            strcmp(m->rule, "role-reference") != 0 && doc_entity_add_role(de, m->role) < 0)
            oom = 1;
    }
    if (!oom) {
        int *votes = calloc(out->entity_count + 1, sizeof(*votes));
        if (!votes)
            oom = 1;
        else {
            pronoun_votes(x, out, &ents, votes);
            for (size_t k = 0; k < out->entity_count; k++) {
                struct ingest_doc_entity *de = &out->entities[k];
                if (de->type != INGEST_ENT_PERSON || de->gender)
                    continue;
                if (votes[k])
                    de->gender = votes[k] > 0 ? 'm' : 'f';
                else
                    de->gender = given_gender(x, de->name);
            }
            free(votes);
        }
    }
    for (size_t k = 0; k < out->mention_count; k++) {
        struct ingest_mention *m = &out->mentions[k];
        long di = keymap_get(&ents, m->entity_id);
        if (di >= 0)
            m->gender = m->type == INGEST_ENT_PERSON ? out->entities[di].gender : 0;
    }
    keymap_clear(&ents);
    for (size_t ci = 0; ci < x->nc; ci++)
        free(ids[ci]);
    free(ids);
    return oom ? -1 : 0;
fail:
    keymap_clear(&ents);
    for (size_t ci = 0; ci < x->nc; ci++)
        free(ids[ci]);
    free(ids);
    return -1;
}

static void ctx_clear(struct ent_ctx *x)
{
    for (size_t ci = 0; ci < x->nc; ci++) {
        free(x->c[ci].name);
        free(x->c[ci].id);
        free(x->c[ci].role);
        free(x->c[ci].title);
    }
    free(x->c);
    ingest_tokens_clear(&x->tk);
    free(x->lower);
    free(x->lx);
    free(x->owner);
    free(x->sent);
    free(x->para);
    free(x->sstart);
    free(x->head);
    free(x->pc);
    free(x->lex.slots);
    free(x->lowerseen.slots);
    for (size_t i = 0; i < x->kbf_count; i++)
        free(x->kbf[i]);
    free(x->kbf);
    free(x->kbf_base);
}

int ingest_entities_extract(const struct ingest_gazetteer *gz, const char *text, size_t len,
                            const struct ingest_range *sentences, size_t sentence_count,
                            const char *doc_date, struct ingest_entity_result *out)
{
    struct ent_ctx x;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    memset(&x, 0, sizeof(x));
    x.gz = gz;
    x.text = text;
    x.len = len;
    x.doc_date = doc_date;
    if (ctx_setup(&x, sentences, sentence_count) < 0)
        goto out;
    if (gz)
        kb_range(&x, 0, x.n, 0);
    cue_pass(&x);
    acronym_pass(&x);
    person_pass(&x);
    if (gz)
        kb_person_roles(&x);
    repeat_pass(&x);
    surname_pass(&x);
    place_pass(&x);
    if (gz)
        org_link_pass(&x);
    repeat_pass(&x);
    roleref_pass(&x);
    if (gz) {
        metonym_pass(&x);
        fuzzy_person_pass(&x);
    }
    if (x.oom)
        goto out;
    rc = build_output(&x, sentences, sentence_count, out);
out:
    ctx_clear(&x);
    if (rc != 0)
        ingest_entity_result_clear(out);
    return rc;
}

void ingest_entity_result_clear(struct ingest_entity_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->mention_count; i++) {
        free(result->mentions[i].entity_id);
        free(result->mentions[i].name);
        free(result->mentions[i].role);
    }
    free(result->mentions);
    for (size_t i = 0; i < result->entity_count; i++) {
        struct ingest_doc_entity *de = &result->entities[i];
        free(de->id);
        free(de->name);
        for (size_t k = 0; k < de->role_count; k++)
            free(de->roles[k]);
        free(de->roles);
    }
    free(result->entities);
    memset(result, 0, sizeof(*result));
}
