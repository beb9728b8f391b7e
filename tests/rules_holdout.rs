//! Scores the engine on labelled sets written apart from the rules, each
//! against floors of its own: `holdout.jsonl` (entries written before the
//! rules were tuned on them), `fresh.jsonl` (sets written from the catalog
//! alone by other hands) and `unseen.jsonl` (more such sets, which the
//! learned model never trains on). They keep an honest estimate of how the
//! engine does on phrasing it was not fitted to; do not tune rules against `holdout.jsonl`,
//! add to `examples.jsonl`.

use closer::rules::{Engine, Family, eval};

const HOLDOUT: &str = include_str!("data/rules/holdout.jsonl");
const FRESH: &str = include_str!("data/rules/fresh.jsonl");
const UNSEEN: &str = include_str!("data/rules/unseen.jsonl");

/// Parses `src`, runs the built-in rules over it, prints the report, and
/// fails when a family's precision or recall falls under its floor.
fn scores_above(
    name: &str,
    src: &str,
    entries_expected: Option<usize>,
    floors: [(Family, f64, f64); 4],
) {
    let entries = match eval::parse_jsonl(src) {
        Ok(e) => e,
        Err(e) => panic!("{name} {e}"),
    };
    if let Some(n) = entries_expected {
        assert_eq!(entries.len(), n);
    }
    let report = eval::evaluate(&Engine::builtin(), &entries);
    println!("{}", eval::render_report(&report));
    for (f, p, r) in floors {
        let c = report.family(f);
        assert!(
            c.precision() >= p,
            "{f} precision {:.3} < {p}",
            c.precision()
        );
        assert!(c.recall() >= r, "{f} recall {:.3} < {r}", c.recall());
    }
}

#[test]
fn holdout_scores_hold() {
    // Scored before any tuning: signs P .737 R .583, triggers P .900
    // R .750, thoughts 1.0/1.0, steps P .857 R .750. After the rules were
    // broadened from the catalog and `examples.jsonl` (never from this
    // file): signs P .826 R .792, triggers P 1.0 R .833, thoughts 1.0/1.0,
    // steps P .889 R 1.0. The floors sit a little under the latter.
    scores_above(
        "holdout.jsonl",
        HOLDOUT,
        None,
        [
            (Family::Sign, 0.78, 0.75),
            (Family::Trigger, 0.90, 0.75),
            (Family::Thought, 0.90, 0.90),
            (Family::Step, 0.80, 0.90),
        ],
    );
}

/// `tests/data/rules/fresh.jsonl`: 7,560 entries in a hundred and twenty-two
/// sets (`fa-` to `fz-`, `ga-` to `gz-`, then `ha-` to `hn-`, `hq-` to `hx-` and `hy-` to `jt-`), each written by someone who had read only the
/// catalog, never the dev corpus or the rules, in a style of their own
/// (phone notes without apostrophes, reflective prose, present-tense
/// narration, mixed voices). Each set was scored blind before any rule was
/// fitted to it, and those first scores are the honest estimate of how the
/// rules do on text written by other people:
///
/// | set | signs P | signs R | scored when |
/// |-----|---------|---------|-------------|
/// | a   | .824    | .609    | session 6 start |
/// | b   | .724    | .447    | session 6 start |
/// | c   | .733    | .440    | session 6 start |
/// | d   | .867    | .520    | after a–c were fitted |
/// | e   | .594    | .388    | after a–d were fitted |
/// | f   | .784    | .604    | after a–e were fitted |
/// | g   | .686    | .522    | after a–e were fitted |
/// | h   | .533    | .320    | after a–g were fitted |
/// | i   | .677    | .583    | after a–g were fitted |
/// | j   | .900    | .818    | after a–i were fitted |
/// | k   | .636    | .389    | after a–j (triggers .850/.425, thoughts .800/.400: the set is about them) |
/// | l   | .880    | .431    | after a–k (triggers .886/.513, thoughts .929/.500) |
/// | m   | .806    | .658    | after a–l (triggers .952/.851, thoughts 1.0/.727, steps .875/.700); not fitted |
/// | n   | .789    | .517    | session 7, after a–m (triggers .955/.712, thoughts .750/.750, steps .905/.576) |
/// | o   | .633    | .339    | session 7, after a–m (triggers .862/.379, thoughts .889/.571, steps .720/.562): indirect telling |
/// | p   | .880    | .379    | session 7, after a–o (triggers .889/.375, thoughts .875/.500, steps .952/.526): thought records, "I go, '...'", second person |
/// | q   | .886    | .633    | session 7, after a–o (triggers .927/.745, thoughts 1.0/1.0, steps .812/.722): one-line notes, US idiom |
/// | r   | .871    | .643    | session 7, after a–q (triggers .895/.810, thoughts 1.0/.667, steps .812/.591): dating apps, twenties |
/// | s   | .905    | .432    | session 7, after a–q (triggers .760/.487, thoughts .750/.300, steps .700/.467): over sixties and carers, understated |
/// | t   | .886    | .696    | session 7, after a–s (triggers .867/.661, thoughts .917/.846, steps .857/.562): therapy vocabulary, long days |
/// | u   | .846    | .532    | session 8, after a–t (triggers .919/.557, thoughts 1.0/.692, steps .958/.793): students texting, lower case |
/// | v   | .853    | .518    | session 8, after a–t (triggers .875/.457, thoughts 1.0/.500, steps .941/.667): understated work entries |
/// | w   | .853    | .460    | session 8, after a–t (triggers .850/.548, thoughts .889/.533, steps 1.0/.600): present-tense run-ons |
/// | x   | .861    | .534    | session 8, after a–t (triggers .867/.456, thoughts .900/.643, steps .920/.793): UK, Irish, Australian family idiom |
/// | y   | .857    | .545    | session 8, after a–x (triggers .833/.500, thoughts .800/.364, steps .950/.760): long marriages, US |
/// | z   | .875    | .556    | session 8, after a–x (triggers .857/.667, thoughts 1.0/.588, steps .952/.667): bullet-point notes |
/// | ga  | .897    | .625    | session 8, after a–z; signs fitted last (triggers .821/.667, thoughts .700/.538, steps .810/.773): an ordinary mix |
/// | gb  | .895    | .618    | session 8, after a–z; signs fitted last (triggers .853/.500, thoughts 1.0/.500, steps .952/.741): new parents, terse men |
/// | gc  | .795    | .608    | session 8, after a–z; signs fitted last (triggers .875/.500, thoughts 1.0/.571, steps 1.0/.680): code-switching, chosen family |
/// | gd  | .893    | .424    | session 9 start (triggers .958/.460, thoughts 1.0/.308, steps .826/.760): over sixties, formal prose |
/// | ge  | .844    | .655    | session 9 start (triggers .867/.709, thoughts .750/.529, steps .826/.704): therapy-literate, loose psychology words |
/// | gf  | .848    | .661    | session 9 start (triggers .925/.607, thoughts 1.0/.562, steps .955/.840): early twenties online, gaming, group chats |
/// | gg  | .841    | .661    | session 9 start (triggers .925/.685, thoughts 1.0/.583, steps .920/.793): trades, shifts, families abroad |
/// | gh  | .933    | .467    | session 9, after ga–gg (triggers .895/.694, thoughts .833/.500, steps .875/.667): understated men, pub and site |
/// | gi  | .828    | .429    | session 9, after ga–gg (triggers .762/.561, thoughts .857/.400, steps .941/.696): English as a second language |
/// | gj  | .900    | .458    | session 9, after ga–gg (triggers .667/.407, thoughts .778/.538, steps .682/.682): blended families, co-parenting |
/// | gk  | .968    | .526    | session 9, after ga–gg (triggers .868/.434, thoughts .526/.588, steps .786/.407): academic, long hedged sentences |
/// | gl  | .951    | .722    | session 9, after ga–gk (triggers .833/.667, thoughts .846/.733, steps .833/.800): ordinary check-ins; not fitted before session 12 |
/// | gm  | .875    | .593    | session 9, after ga–gk (triggers .977/.705, thoughts .909/.909, steps .818/.818): ordinary, quoting their words; not fitted before session 12 |
/// | gn  | .833    | .545    | session 9, after ga–gk (triggers .938/.776, thoughts .750/.500, steps .850/.773): ordinary, all ages; not fitted before session 12 |
/// | go  | .903    | .519    | session 10, after ga–gn (triggers .824/.560, thoughts .875/.467, steps .818/.720): tired parents, fragments |
/// | gp  | .857    | .364    | session 10, after ga–gn (triggers .853/.446, thoughts .889/.533, steps .773/.607): forties and fifties, wry, understated |
/// | gq  | .880    | .688    | session 10, after ga–gn (triggers .900/.679, thoughts 1.0/.533, steps .826/.731): students, group chats, lower case |
/// | gr  | .891    | .695    | session 10, after ga–gn (triggers .826/.667, thoughts 1.0/.667, steps .882/.484): present-tense narration |
/// | gs  | .925    | .698    | session 10, after go–gr were fitted (triggers .857/.720, thoughts .833/.667, steps .850/.630): ordinary check-ins; not fitted before session 12 |
/// | gt  | .744    | .516    | session 10, after go–gr were fitted (triggers .842/.516, thoughts 1.0/.533, steps .944/.739): North American thirties, run-ons; only its false alarms fixed |
/// | gu  | .852    | .451    | session 11 start (triggers .893/.481, thoughts 1.0/.455, steps .692/.600): English as a second language, bare present |
/// | gv  | .864    | .442    | session 11 start (triggers .800/.410, thoughts 1.0/.556, steps .722/.722): sixties and seventies, plain and formal |
/// | gw  | .833    | .612    | session 11 start (triggers .917/.524, thoughts .900/.750, steps 1.0/.750): shift workers, clipped, swearing |
/// | gx  | .879    | .569    | session 11 start (triggers .846/.702, thoughts .818/.692, steps .923/.600): twenties, dating apps, slang |
/// | gy  | .970    | .667    | session 12 start (triggers .970/.653, thoughts 1.0/1.0, steps .923/.800): ordinary diary entries, mixed ages; fitted last in session 12 |
/// | gz  | .800    | .571    | session 12 start (triggers .838/.574, thoughts .857/.750, steps .895/.944): teachers, nurses and carers after long days |
/// | ha  | .967    | .483    | session 12 start (triggers .741/.417, thoughts .750/.600, steps .688/.647): grief, the year after a loss |
/// | hb  | .912    | .596    | session 12 start (triggers .886/.830, thoughts .778/.875, steps .842/.727): neurodivergent writers, literal, numbered points |
/// | hc  | .846    | .635    | session 12, after gy–hb were fitted (triggers .925/.698, thoughts 1.0/.636, steps .867/.929): ordinary, British |
/// | hd  | .906    | .537    | session 12, after gy–hb were fitted (triggers .914/.516, thoughts .750/.500, steps .941/.842): ordinary, North American |
/// | he  | .805    | .647    | session 12, after gy–hb were fitted (triggers .818/.643, thoughts .778/.636, steps .941/.889): ordinary, UK, Irish, Australian; not fitted |
/// | hf  | .917    | .660    | session 12, after gy–hb were fitted (triggers .816/.756, thoughts .875/.700, steps .917/.579): ordinary, US and Canada; not fitted |
/// | hg  | .829    | .580    | session 14 start (triggers .892/.647, thoughts 1.0/.800, steps .778/.467): phone notes, lower case, no subject |
/// | hh  | .879    | .604    | session 14 start (triggers .738/.646, thoughts .857/.500, steps 1.0/.667): reflective British prose, understatement |
/// | hi  | .889    | .755    | session 14 start (triggers .927/.667, thoughts .900/.643, steps .812/.722): American slang, group chats, dating apps |
/// | hj  | .700    | .549    | session 14 start (triggers .837/.735, thoughts .833/.500, steps .923/.800): a shift-working parent, plain |
/// | hk  | .844    | .600    | session 14 start (triggers .893/.532, thoughts 1.0/.625, steps .929/.684): nurse or teacher, Irish and Scottish; its false alarms fixed |
/// | hl  | .882    | .588    | session 14 start (triggers .911/.804, thoughts 1.0/.800, steps .842/1.0): students, therapy words, Australian and Canadian; its false alarms fixed |
/// | hm  | .762    | .356    | session 14, after hg–hl were fitted (triggers .750/.279, thoughts 1.0/.375, steps .929/.565): a retired man, dry and old-fashioned; not fitted |
/// | hn  | .848    | .483    | session 14, after hg–hl were fitted (triggers 1.0/.462, thoughts 1.0/.833, steps .706/.750): a software engineer, wry, long distance; not fitted |
/// | hq  | .853    | .592    | session 16 start (triggers .810/.791, thoughts .875/.778, steps .882/.938): ordinary, mixed ages, UK, US, Australia |
/// | hr  | .906    | .580    | session 16 start (triggers .800/.651, thoughts .667/.750, steps 1.0/.750): co-parents, brief tired notes |
/// | hs  | .923    | .471    | session 16 start (triggers .895/.654, thoughts 1.0/.600, steps .909/.625): students, texting style, lower case; only context fixes |
/// | ht  | .912    | .585    | session 16 start (triggers .929/.531, thoughts 1.0/.400, steps .818/.900): guarded middle-aged professionals; only context fixes |
/// | hu  | .889    | .640    | session 16, after hq–ht (triggers .833/.556, thoughts .875/.636, steps 1.0/.667): long marriages, US, some dialogue |
/// | hv  | .966    | .560    | session 16, after hq–ht (triggers .865/.615, thoughts .875/.778, steps .889/.615): blunt men, UK, football and mates |
/// | hw  | .964    | .562    | session 16, after hq–ht (triggers .875/.596, thoughts .889/.727, steps 1.0/.864): queer adults, chosen family, therapy words |
/// | hx  | .947    | .735    | session 16, after hq–ht (triggers .757/.622, thoughts .750/.600, steps 1.0/.857): moved city or job, lonely, video calls |
/// | hy  | .871    | .529    | session 17 start (triggers .857/.511, thoughts 1.0/.556, steps .714/.625): over sixty, grandchildren, church and clubs |
/// | hz  | .977    | .857    | session 17 start (triggers .896/.796, thoughts 1.0/.818, steps 1.0/.684): weekly therapy for anxiety or low mood |
/// | ia  | .903    | .596    | session 17 start (triggers .969/.633, thoughts 1.0/.625, steps .917/.688): shift workers and carers, some English as a second language |
/// | ib  | .943    | .589    | session 17 start (triggers .805/.579, thoughts .833/.625, steps .929/.765): early dating, texts and read receipts |
/// | ic  | .900    | .766    | session 17, after hy–ib (triggers .925/.673, thoughts .875/.636, steps .900/1.0): South Asian and East African diaspora, family chats |
/// | id  | .935    | .592    | session 17, after hy–ib (triggers .857/.400, thoughts 1.0/.600, steps 1.0/.625): new parents, notes written during naps |
/// | ie  | .886    | .633    | session 17, after hy–ib (triggers .839/.553, thoughts 1.0/.636, steps .833/.625): partners working away, Australian and NZ slang |
/// | if  | 1.0     | .588    | session 17, after hy–ib (triggers .903/.757, thoughts 1.0/.364, steps .889/.762): chronic illness, honest and avoidant cancelling |
/// | ig  | .906    | .569    | session 17, after hy–if (triggers .946/.660, thoughts 1.0/.778, steps .882/.789): ordinary, UK, Ireland, Australia |
/// | ih  | .939    | .660    | session 17, after hy–if (triggers .932/.837, thoughts .857/.545, steps .923/.800): ordinary, US and Canada |
/// | ii  | .919    | .723    | session 17, after hy–if (triggers .900/.610, thoughts .857/.750, steps .875/.700): busy professionals, sardonic |
/// | ij  | .933    | .528    | session 17, after hy–if (triggers .968/.714, thoughts .750/.857, steps .923/.750): one- or two-line phone notes |
///
/// The rules were then broadened from their misses (phrasings and context
/// fixes that generalise, never their sentences). The floors below sit a
/// little under what the whole file scored with the rules alone in session
/// 14 (signs P .917 R .771, triggers .913/.770, thoughts .927/.814, steps
/// .929/.807), so a change that loses ground on other people's writing
/// fails here. With the learned second opinion, which is trained on this
/// file, it scores higher (session 16: signs .955/.904, triggers
/// .935/.978), and that is no measure of other people's writing. The rows from
/// session 9 say how little fitting carries over: the ~270 phrases of its
/// first round (fitted on gd–gg, and on the triggers and thoughts of ga–gc)
/// moved the blind sign recall of gh–gk by 0 to 3.5 points, and session
/// 10's ~140 phrases fitted on go–gr added 9 sign, 2 thought and 3 step
/// labels (and no trigger) across the other 2,640 entries. gs and gt,
/// written after that, scored exactly the same blind with the session's
/// rules as with its starting rules: the fitting did not reach them.
/// Writers in a new style still meet phrasings no rule has seen. Session
/// 11 added gu–gx and fitted ~40 phrase lines as kinds (a quoted one-word
/// answer and then moving away; "asked if I was really coping" and the
/// reassurance after it; waiting to see if anyone else does; hours and
/// shifts worked): besides 26 labels on gu–gx they added 8 right labels and
/// no wrong one on the 3,510 texts labelled before, most on sets never
/// fitted (gl, gs). Triggers recall went from .79 to .78 because the four
/// new sets came in at .41 to .70 blind. Session 12 added gy–hb and
/// fitted gz–hb (and the misses left in gl–gt) as kinds: an "I love you"
/// met with a pat, a joke or a change of channel (a new rule,
/// `kept-distance/deflected-love`, which on its own added 13 right labels
/// to texts labelled before this session, 12 here and 1 in the holdout,
/// against 3 where the writers had called the reply `curt-reply` only); going silent or deleting a number after a step
/// closer; excuses answering an invitation ("asked me along", "offered to
/// come round"); "us" when the author steered the talk. gy, the ordinary
/// set, was scored blind and then fitted too; hc and hd, written next, were
/// scored before and after that and fitted last; he and hf stay unfitted.
/// How far the fitting carried, measured on sets written after it: the ~100
/// lines fitted on gy–hb moved hc and hd by one label (a deflected "I love
/// you"), and he and hf by four; the ~60 lines fitted on hc and hd then moved
/// he and hf by one. Only the lines that describe a situation (a bid, then
/// the author's way out of it) carried at all. Triggers recall went from .78
/// to .77 and thoughts recall from .84 to .83: the grief set came in at .42
/// and .60 blind. Session 14 added hg–hl, scored them blind with the rules
/// it started with, and fitted hg–hj (and the false alarms of hk and hl) as
/// kinds: a plan told to oneself ("told myself I'd let it ring out"), a
/// person named through someone else ("Rob's mate bailed on him"), a
/// session spent on the habit naming no bid of that day, filler "mm" said a
/// few times as tuning out (convention 11), going quiet on someone for the
/// rest of the evening as holding back rather than screening messages, and
/// ~60 phrase lines. On the 3,720 texts labelled before: 34 right labels
/// added, 3 wrong. hm and hn, written after that fitting, scored blind with
/// both the session's first and last rules: the fitting moved them by one
/// sign label (of 103). Their blind scores (sign recall .36 and .48,
/// trigger recall .28 and .46) are the plainest measure yet of how far a
/// phrase list reaches into a new voice. With the eight new sets, signs and
/// triggers recall went from .78 to .77, thoughts from .83 to .81 and steps
/// from .82 to .81. Session 16 wrote hq–ht and scored them blind twice: the
/// rows above are the rules alone; with the learned second opinion (trained
/// on the sets before them) the four together scored signs P .915 R .635,
/// triggers .818/.791, thoughts .857/.649, steps .908/.868. hq and hr were
/// then fitted as kinds (a bid met by getting up "to check on" something;
/// "until she gave up" after a complaint; quoted one-word answers with a
/// comma or "sorry"; "turned him down" after an invitation; picking apart
/// "every little thing"), which added 11 right labels and no wrong one to
/// the 4,200 texts before and left hs and ht where they were. hs and ht
/// were only used to find context rules that rejected a right match
/// ("instead of a fake one and told her" is not a negation of the telling;
/// "can't shake the feeling" affirms it). hu–hx, written after all that,
/// scored the session's rules blind at signs P .925 R .629 (.939/.624 with
/// the rules it started with) and the whole engine at signs .953/.726,
/// triggers .810/.810, thoughts .906/.707, steps .985/.870 (.959/.716,
/// .812/.820, .906/.707, .985/.870 with the engine it started with): the
/// fitting on hq–ht carried one or two labels. Their misses then gave
/// kinds that the trace showed the context or a label condition refusing
/// (a stance put in others' mouths, "they know where I am"; a named
/// tension, "things have been rough with Jen"; "got a bollocking off the
/// manager"), which added 11 labels there and 1 on the 4,440 texts before,
/// none wrong. Session 17 wrote hy–ib and scored them blind: the rows above
/// are the rules alone; the whole engine scored signs P .937 R .729,
/// triggers .867/.816, thoughts .926/.694, steps .889/.824. Their misses
/// gave ~20 phrase lines (a short quoted answer kept up, "all I managed
/// back was", an excuse mumbled when a hard talk was asked for, "wants a
/// word about" me, picking up the paper when a complaint comes) and a
/// context fix (a job title opening a sentence, "Charge nurse tore into
/// me", is someone else acting): 13 labels on hy–ib and 2 on the 4,680
/// texts before, none wrong. Five more lines that fitted hy–ib (the telly
/// turned up or headphones put back in as keeping distance, "whatever you
/// think" and "alright" as curt) were dropped again: on the texts before,
/// other writers had labelled those same moves otherwise 12 times. ic–if
/// were written next and scored blind with the session's first and its
/// fitted engine: the whole engine went from signs .921/.714 to .929/.730
/// and triggers .878/.783 to .880/.799 (8 labels gained, 1 lost), the
/// rules alone from signs .919/.638 to .926/.643. Their trace gave two
/// context fixes ("wanted to stay in, but I went" and "went anyway" are
/// deeds done despite the wish; "said no and ..." is an answer, not a
/// negation) and ~15 phrase lines (going stiff or stepping out of a hug
/// someone went in for, "picking fights", faking a call): 8 labels there,
/// 2 right and 1 wrong on the 4,920 texts before. ig–ij, written after all
/// of that, are the session's plainest measure: scored blind, the whole
/// engine the session started with gave signs P .952 R .707, triggers
/// .904/.833, thoughts .871/.771, steps .937/.843, and the one fitted on
/// hy–if .959/.707, .904/.833, .871/.771, .924/.871; the rules alone went
/// from signs .924/.616 to .920/.621. The ~35 lines and three context fixes
/// fitted on hy–if moved these sets by three labels. Only two of their
/// false alarms were then fixed ("since Dad's op" is no old wound; an
/// excuse told to oneself cancels nothing).
///
/// `ik-` to `jh-` (1,440 entries) were `unseen.jsonl` until session 21:
/// kept out of the learned model's training, so the second opinion had
/// text it had not seen. Session 21 found that training on them carried
/// further than any phrase fitted to them (see `unseen.jsonl` below) and
/// moved them here. Session 18 scored each set blind before anything was
/// fitted to it. Rules alone, then the whole engine (signs, triggers,
/// thoughts, steps, precision/recall):
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | ik | .931/.574 .871/.614 1.0/.667 .733/.733 | .970/.681 .818/.818 1.0/.750 .765/.867 | Scotland, Wales, north of England, dialect |
/// | il | .850/.618 .927/.679 .857/.429 .857/.800 | .878/.655 .891/.732 .875/.500 .857/.800 | English as a second language |
/// | im | .944/.694 .971/.723 .889/.889 .941/.762 | .975/.796 .936/.936 .889/.889 .900/.857 | ordinary, US, UK, Australia |
/// | in | .905/.667 .781/.625 .667/.667 .769/.667 | .936/.772 .850/.850 .857/.667 .857/.800 | caring for an ageing parent |
/// | io | .857/.643 .881/.712 .875/.700 .867/.812 | .907/.696 .824/.808 1.0/.800 .882/.938 | ordinary, UK, Ireland, New Zealand |
/// | ip | .917/.702 .881/.771 1.0/.909 .750/.706 | .921/.745 .900/.938 1.0/.909 .938/.882 | twenties, flatmates, dating |
/// | iq | .950/.760 .892/.717 .833/.556 .882/.833 | .975/.780 .886/.848 .833/.556 .944/.944 | US and Canada, trades and offices |
/// | ir | .933/.583 .758/.543 .857/.667 1.0/.800 | 1.0/.646 .778/.761 .857/.667 1.0/.840 | after a breakup or divorce |
///
/// Over ik–in together the whole engine scored signs .938/.726, triggers
/// .876/.829, thoughts .909/.682, steps .846/.833, where the rules alone
/// gave signs .905/.639 and triggers .892/.663. Their misses and false
/// alarms then gave four context fixes, each a kind of sentence ("wanted
/// so much to say" is a wish; a sign only nearly shown gets none from the
/// second opinion; a match that names its own subject, "when she started
/// in on my weight", keeps neither the wish before it nor the author's
/// "but I didn't" after it; "texted back no worries and asked" negates
/// nothing) and ~12 phrase lines ("at loggerheads", "going back and forth
/// about", "went off like a rocket", "had a blue with"). io–ir, written
/// after that, are the measure of the fitting: with the engine the session
/// started with they scored signs .947/.716, triggers .847/.839, thoughts
/// .935/.744, steps .944/.895, and with the fitted one .948/.721,
/// .848/.844, .935/.744, .944/.895 (two labels, both right). Their trace
/// then gave six more context fixes (a hedge after a voiced proposal,
/// "told Ethan we should probably see other people"; "thinking of you" in
/// a message; "stopped myself and wrote her a real answer"; quoted words
/// with no verb of their own belong to the person the clause before was
/// about, "Dad was so short with me, just 'yep', 'nope'"; the author
/// asking whether someone wanted something makes no bid of theirs;
/// sabotage no longer blocked by any mention of a lease or a call; someone
/// going over "everything wrong with my report" is not my fault-finding)
/// and four phrase lines ("came back at her with", "told her she needs thicker skin",
/// "stopped even replying to", "don't start convos with anyone"). All
/// the session's fitting together changed 7 labels of the whole engine on
/// the 5,400 texts before: 6 right and one its writer left out ("went off
/// like a rocket" as harsh-words, which the catalog counts as snapping);
/// on dev it changed none, and the rules alone gained one right label
/// there. Over all eight sets the whole engine
/// then scored signs .959/.751, triggers .863/.847, thoughts .922/.711,
/// steps .899/.880, and the rules alone .925/.692, .877/.697, .875/.675,
/// .862/.789.
///
/// Session 19 added six more sets, is to ix, each scored blind by the
/// engine the session started with:
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | is | .774/.490 .857/.533 .800/.444 .812/.812 | .857/.612 .792/.844 1.0/.667 .882/.938 | retired, widowed, grandparents |
/// | it | .903/.560 .853/.630 1.0/.375 1.0/.722 | .872/.680 .892/.717 1.0/.500 .944/.944 | night shifts and hospitality, note style |
/// | iu | .970/.571 .923/.692 .889/.615 .920/.742 | 1.0/.607 .930/.769 1.0/.615 .963/.839 | graduate students, therapy words |
/// | iv | .914/.627 .977/.768 .857/.667 .846/.733 | .921/.686 .893/.893 .857/.667 .867/.867 | 17 to 22, group chats, slang |
/// | iw | 1.0/.646 .933/.651 1.0/.500 .833/.938 | .970/.667 .923/.837 .800/.500 .938/.938 | Australia and South Africa |
/// | ix | .947/.706 .838/.585 .800/.667 .833/.833 | .976/.784 .824/.792 1.0/.833 .944/.944 | parents of young children |
///
/// Together: rules alone signs .920/.600, triggers .901/.647; whole engine
/// signs .932/.672, triggers .872/.810, thoughts .950/.644, steps
/// .928/.904. Being new to the model as well, they chose the second
/// opinion's new thresholds (signs and triggers added above 0.7); the
/// session then fitted a context check ("told him he sounds like his
/// father, then walked out" is the teller's walking out), the return of a
/// rule's detection when the model adds the label it needed, and phrase
/// lines for bids held out in person ("went for a fist bump", "wanted a
/// proper cuddle"), "left him hanging" after one, and an excuse the entry
/// gives the lie to ("said I'd got a shift. I haven't.", "made up a
/// dentist appt"). After that is–ix scored, whole engine, .927/.744,
/// .910/.790, .950/.644, .945/.904. Over all fourteen sets the whole
/// engine scores signs .940/.765, triggers .894/.810, thoughts .933/.683,
/// steps .919/.891; the rules alone .928/.668, .888/.682, .873/.627,
/// .874/.789.
///
/// Session 20 added six more, iy to jd, scored blind by the engine the
/// session started with:
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | iy | .973/.720 .875/.622 1.0/.667 .800/.632 | 1.0/.800 .897/.778 1.0/.750 .824/.737 | remote work, Slack and Zoom |
/// | iz | .879/.592 .800/.465 1.0/.545 .786/.786 | .850/.694 .811/.698 1.0/.545 .857/.857 | Ireland and Scotland, colloquial |
/// | ja | .882/.600 1.0/.683 .833/.625 1.0/.765 | .886/.620 .943/.805 1.0/.750 1.0/.824 | men who under-describe, terse |
/// | jb | .852/.489 .941/.640 1.0/.667 .909/.625 | .879/.617 .929/.780 1.0/1.0 .933/.875 | long distance, living abroad |
/// | jc | .973/.667 .882/.577 .900/.900 1.0/.824 | .977/.778 .905/.731 .900/.900 1.0/.882 | autistic and ADHD adults |
/// | jd | .939/.633 .857/.517 1.0/.800 1.0/.733 | .949/.755 .875/.724 1.0/.800 1.0/.933 | housemates in their twenties |
///
/// Together: rules alone signs .920/.619, triggers .894/.581; whole engine
/// signs .926/.712, triggers .893/.751, thoughts .978/.772, steps
/// .933/.847. Their misses then gave two context fixes (an "I" after a
/// subordinate clause's own subject and verb opens the main clause, "when
/// Dad rang I let it ring out and texted 'busy'"; "shoulder" is no
/// "should"), a proposal voiced a clause back ("told her it's getting
/// heavy and we should keep it easy"), and ~60 phrase lines: cover stories
/// when asked how one really is ("blamed the hay fever"), excuses the entry
/// calls untrue ("said it's deadline week. It isn't."), bids held out in
/// person ("went for the hand hold"), stress said as what work does to one
/// ("work has me so wrecked"), overload as the noise of people ("four
/// conversations at once"), and thoughts and steps in the sets' own words.
/// After that iy–jd scored, whole engine, .931/.773, .900/.813,
/// .978/.772, .933/.847; over the 5,400 fresh texts they gained 9 right
/// labels and lost none, and on dev 1 right sign.
///
/// Four more sets, je to jh, written after all of that, measure how far
/// the fitting carries:
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | je | .919/.694 .865/.727 1.0/.857 .824/.875 | .978/.898 .800/.909 1.0/.857 .941/1.0 | nurses, teachers, social workers |
/// | jf | 1.0/.771 .950/.691 .667/.500 1.0/.737 | .929/.812 .955/.764 .778/.583 1.0/.842 | the first months of dating |
/// | jg | .821/.418 .667/.490 .750/.375 .812/.722 | .909/.545 .778/.714 .857/.750 .789/.833 | siblings and parents at family events |
/// | jh | .906/.547 .921/.673 .889/1.0 .842/.842 | .895/.642 .935/.827 .889/1.0 .900/.947 | English as a second language |
///
/// The engine the session started with and the one fitted on iy–jd scored
/// them alike: whole engine signs .930/.717 and .931/.722, triggers
/// .865/.800, thoughts .871/.771, steps .903/.903 for both; the rules
/// alone gained nothing. The ~80 phrase lines carried one label to new
/// writers: phrases fitted to some writers barely reach the next, as every
/// session since 14 has found. Two lines fitted on them last ("asked why
/// I've been acting weird", "all she got from me was") took their signs to
/// .932/.732. Over all twenty-four sets the whole engine scores signs
/// .937/.764, triggers .890/.809, thoughts .936/.752, steps .920/.894; the
/// rules alone .926/.666, .886/.669, .890/.688, .882/.786.
///
/// `ji-` to `jt-` (720 entries) were `unseen.jsonl` in session 21, written
/// that session and kept out of the model's training; session 22 moved
/// them here and trained on them. Scored blind by the engine session 21
/// started with (its model trained without `ik-` to `jh-`). Rules alone, then the whole engine (signs,
/// triggers, thoughts, steps, precision/recall):
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | ji | .962/.510 .905/.442 1.0/.273 .917/.579 | .844/.551 .886/.721 1.0/.273 .933/.737 | firefighters, police, paramedics, veterans |
/// | jj | .966/.596 .966/.583 .833/.556 .846/.733 | .974/.787 .914/.667 .667/.667 .923/.800 | faith communities in small US towns |
/// | jk | .912/.646 .795/.633 .857/.857 .833/.714 | .925/.771 .826/.776 .857/.857 .944/.810 | freelancers, musicians, artists |
/// | jl | .865/.627 .938/.732 .857/.500 1.0/.722 | .875/.686 .846/.805 1.0/.500 1.0/.833 | in recovery from alcohol or drugs |
/// | jm | .895/.680 .906/.707 1.0/.429 .833/.625 | .837/.820 .842/.780 1.0/.429 .923/.750 | grieving a recent death |
/// | jn | .967/.604 .838/.674 1.0/.400 .933/.700 | .973/.750 .864/.826 1.0/.600 1.0/.800 | amateur athletes and coaches |
/// | jo | .837/.679 .870/.667 .889/.667 .950/.704 | .854/.774 .873/.800 .900/.750 .952/.741 | long entries with asides |
/// | jp | .902/.673 .919/.694 .857/.857 .706/.800 | .913/.764 .911/.837 .923/.857 .824/.933 | a week summed up, habits |
/// | jq | .952/.444 .917/.524 1.0/.429 .923/.857 | .903/.622 .971/.786 1.0/.571 .929/.929 | farmers, fishers, rural towns |
/// | jr | .939/.705 .821/.653 1.0/.769 .929/.619 | .973/.818 .822/.755 1.0/.923 .944/.810 | first year away from home |
/// | js | .939/.534 .821/.548 .857/.750 1.0/.462 | .953/.707 .865/.762 1.0/.750 1.0/.615 | couples in their fifties, step-families |
/// | jt | .810/.667 .824/.528 .900/.750 .938/.833 | .917/.863 .860/.698 1.0/.917 .938/.833 | teachers, retail, call centres |
///
/// Together: rules alone signs .906/.628, triggers .886/.642, thoughts
/// .887/.573, steps .875/.695; whole engine .897/.738, .869/.777,
/// .895/.622, .938/.795. The model then trained on the 1,440 texts of
/// `ik-` to `jh-` as well (now in `fresh.jsonl`): with nothing else
/// changed, the whole engine scored .887/.763, .883/.801, .897/.634,
/// .947/.821 here (F1 +.010, +.019, +.009, +.019); on je to jh, with a
/// model trained on the rest, signs went from .932/.732 to .950/.737.
/// Checking the context at any of a label's three heaviest grams rather
/// than the heaviest alone (`second_opinion::CHECKED_GRAMS`) then gave
/// .877/.766, .884/.806, .918/.683, .935/.854. Their missed thoughts then
/// gave four rules in shapes rather than sentences (being left foretold
/// with "anyway", kept around "because she feels she has to", "better off
/// without ... like me", "wants something"): thoughts here .930/.805, and
/// on the 6,840 texts of `fresh.jsonl`, which they were not drawn from,
/// the rules alone found 9 more right thoughts and 1 wrong one. Three
/// sign shapes more (grunts "out of me", answering "with one word", a
/// reason found to leave or a kiss turned to the cheek) took signs here
/// to .879/.776 (on `fresh.jsonl`, rules alone: 1 more right sign).
///
/// jq to jt were written at the session's end and scored blind by its
/// final engine (the rows above for them are that engine's, nothing fitted
/// since): whole engine signs .937/.753, triggers .874/.747, thoughts
/// 1.0/.825, steps .946/.803; rules alone .899/.586, .840/.565,
/// .933/.700, .939/.697. Over all twelve sets the whole engine scores
/// signs .897/.768, triggers .881/.787, thoughts .952/.811, steps
/// .938/.839.
///
/// `ju-` to `ld-` (2,160 entries in thirty-six sets) were `unseen.jsonl`
/// until session 26, which moved them here and trained the model on them
/// (see `unseen.jsonl` below for what that bought). The first 720 (`ju-`
/// to `kf-`) were written in session 22 like those above, from the
/// catalog alone, by hands that saw nothing else, and kept out of the
/// learned model's training, so the second opinion always had text it
/// had not seen. Scored
/// blind by the engine the session started with (its model trained
/// without them and without `ji-` to `jt-`). Rules alone, then the whole
/// engine (signs, triggers, thoughts, steps, precision/recall):
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | ju | .889/.604 .889/.667 .800/.667 1.0/.706 | .875/.792 .911/.854 1.0/.667 1.0/.882 | teenagers living at home |
/// | jv | .938/.638 .842/.582 .900/.818 .900/.818 | .917/.702 .867/.709 .909/.909 .857/.818 | junior doctors and ward nurses |
/// | jw | .879/.580 .767/.673 .800/.348 .833/.625 | .902/.740 .837/.837 .923/.522 .857/.750 | social anxiety, overthinking |
/// | jx | .882/.588 .852/.460 1.0/.545 .867/.765 | .868/.647 .837/.720 1.0/.636 .941/.941 | single parents dating again |
/// | jy | .903/.583 .733/.537 1.0/.900 .875/.875 | .949/.771 .811/.732 .900/.900 .882/.938 | friendships in the thirties |
/// | jz | .931/.540 .861/.596 .857/.667 .929/.722 | .927/.760 .844/.731 1.0/.667 .941/.889 | Indian, Nigerian, Filipino, Singaporean, Kenyan English |
/// | ka | .914/.640 .750/.600 .833/.500 .812/.765 | .930/.800 .818/.800 .857/.600 .941/.941 | remote and office workers |
/// | kb | .962/.568 .846/.524 1.0/.714 .923/.667 | .889/.727 .892/.786 .833/.714 .933/.778 | home for family holidays |
///
/// Together: rules alone signs .910/.593, triggers .816/.581, thoughts
/// .889/.602, steps .890/.745; whole engine .907/.743, .852/.770,
/// .926/.677, .917/.865.
///
/// The model then trained on `ji-` to `jt-` as well (moved to
/// `fresh.jsonl`, 7,868 texts in all). Unlike session 21's 1,440 texts,
/// these 720 bought nothing here: .900/.733, .847/.785, .915/.699,
/// .910/.858 (sign F1 .817 to .808, triggers .809 to .815, thoughts .783
/// to .793, steps .891 to .883), within what one set's labels swing. The
/// thresholds are where they were for the same reason: with a model
/// trained without `jq-` to `jt-`, on those and these 720 texts together
/// signs added above 0.6 rather than 0.7 gave .880/.785 against .916/.756
/// (the same F1, precision under the .90 that dev asks for).
///
/// Their misses then gave rules in shapes, each kept only if it found no
/// wrong label on the texts of `fresh.jsonl` and dev (which they were not
/// drawn from): thoughts (a confidence that would be passed round, waiting
/// for the catch, would have gone off me, too good for me), signs (a chat
/// transcript's "Me: late", a gif sent back, an arm slipped free, doing
/// something so as not to have to answer), triggers (a brain fried, eighty
/// hours this week, someone starting on my weight again, keeping me
/// company, the last time someone said it and was gone). On `fresh.jsonl`
/// the rules alone found 21 more right labels and 1 its writer put
/// otherwise; here (fitted) the whole engine went to signs .903/.758,
/// triggers .855/.832, thoughts .927/.817, steps .910/.858.
///
/// `kc-` to `kf-` were written while that fitting went on and scored blind
/// by the engine the session started with and by its last:
///
/// | set | rules alone, last engine | whole engine, last engine | voices |
/// |-----|-------------|--------------|--------|
/// | kc | .895/.667 .864/.704 .636/.583 .882/.714 | .909/.784 .940/.870 .667/.667 .810/.810 | sharing flats and houses |
/// | kd | .938/.667 .900/.675 1.0/.583 1.0/.789 | .925/.822 1.0/.875 1.0/.833 1.0/.895 | deployments, rigs, long-haul work |
/// | ke | .833/.465 .882/.484 1.0/.556 1.0/.600 | .879/.674 .889/.774 1.0/.667 1.0/.800 | in their seventies and eighties |
/// | kf | .841/.673 .861/.620 .700/.778 .778/.737 | .882/.818 .881/.740 .800/.889 .842/.842 | an ordinary mix, six countries |
///
/// Together, whole engine: first .891/.758, .929/.817, .865/.762,
/// .904/.835; last .899/.778, .929/.817, .842/.762, .904/.835 (signs: five
/// right gained, one lost, one wrong gone; triggers: two right gained, two
/// lost; thoughts: one right gained, one lost, one wrong more). The rules
/// alone moved by one right thought. As every session has found, fitting carries a
/// little; what the engine does for a new writer is closer to these first
/// scores. One context fix came after these rows (a measure of replies,
/// "one-word answers", after a clause on how someone else has been is
/// theirs), which took one wrong sign off kd. Over all twelve sets the
/// whole engine scores signs .903/.765, triggers .876/.828, thoughts
/// .900/.800, steps .908/.850 (rules alone .903/.622, .842/.632,
/// .861/.689, .894/.732).
///
/// `kg-` to `kn-` (480 entries) came in session 23, from writers asked for
/// less direct phrasing than before, and were scored blind by the engine
/// that session started with:
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | kg | .810/.415 .882/.429 1.0/.250 .800/.706 | .852/.561 .870/.571 1.0/.375 .929/.765 | men in their forties and fifties, trades, terse |
/// | kh | .889/.571 .852/.590 1.0/.600 1.0/.647 | .931/.643 .909/.769 .875/.700 .933/.824 | new parents |
/// | ki | .893/.595 .857/.783 .750/.600 .833/.682 | .868/.786 .820/.891 .727/.800 .950/.864 | international and first-year students |
/// | kj | .917/.524 .720/.486 .833/.625 .864/.679 | .875/.667 .774/.649 1.0/.875 .955/.750 | neurodivergent adults |
/// | kk | .759/.564 1.0/.541 1.0/.727 .941/.727 | .824/.718 .967/.784 1.0/.909 .857/.818 | long-distance and online friendships |
/// | kl | .846/.564 .741/.513 1.0/.500 .783/.750 | .839/.667 .821/.590 .875/.700 .955/.875 | unpaid carers |
/// | km | .913/.553 .788/.650 1.0/.600 .947/.900 | .871/.711 .750/.750 1.0/.600 1.0/.950 | breakups, divorce, co-parenting |
/// | kn | .950/.543 .733/.579 .818/.750 .842/.800 | .920/.657 .892/.868 .909/.833 .909/1.0 | an ordinary mix |
///
/// Together, rules alone .869/.541, .814/.579, .904/.595, .868/.735;
/// whole engine .870/.676, .846/.740, .906/.734, .935/.853. Only `kg-` to
/// `kj-` were read for rules; on them the whole engine went from .881/.665,
/// .839/.732, .862/.694, .944/.798 to .892/.743, .854/.822, .882/.833,
/// .947/.857, while on `kk-` to `kn-`, never read, nothing moved at all
/// (.860/.689, .852/.747, .943/.767, .929/.907 before and after): what
/// fitting buys stays with the writers it was fitted to, so these blind
/// rows are the honest figure for a new writer. A model retrained with
/// `ju-` to `kf-` in its training was tried and dropped: dev triggers
/// precision .879 to .861, thoughts .965 to .948, and on the blind half
/// signs F1 .765 to .771 but thoughts .846 to .831 and steps .918 to .907.
/// So the model stays as `examples/train_model.rs` makes it, and this
/// file stays text it has never seen.
///
/// Over all 1,200 the whole engine scores signs .894/.757, triggers
/// .868/.813, thoughts .905/.799, steps .921/.864 (rules alone .894/.618,
/// .836/.630, .880/.682, .885/.751); the floors sit a little under these.
///
/// Session 24 then read the misses of `kk-` to `kn-` too, so no part of
/// this file is blind any more: rules in general shapes (an invitation
/// asked about "still" and in the past tense, an excuse of money taken
/// back, "RSVP'd no", a tally of replies not sent, a week from hell, a back
/// door kept open, a short answer and the phone put down, a near miss told
/// over two sentences, a measure of replies a sentence after how someone
/// else has been, work's madness given as an excuse) took the whole engine
/// to signs .900/.768, triggers .873/.821 over the 1,200 (`kk-` to `kn-`:
/// signs .860/.689 to .870/.755, triggers .852/.747 to .871/.792), each
/// kept only if it found no wrong label on dev, `fresh.jsonl` and the rest. A model trained with other
/// settings (L2 strength `c` 2 or 8, grams in 3 texts) or with word stems
/// as extra features moved these figures by under .015 either way, so the
/// model was left as it is.
///
/// `ko-` to `kv-` (480 entries) came in session 25, each set from one
/// writer who had read only the catalog, and were scored blind by the
/// engine the session started with:
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | ko | .962/.439 .839/.605 .750/.375 .826/.731 | .944/.596 .917/.767 .833/.625 .833/.769 | early recovery from drink or gambling |
/// | kp | .889/.500 .710/.449 1.0/.222 .909/.588 | .865/.667 .730/.551 1.0/.444 .857/.706 | farms, boats and small towns, few words |
/// | kq | .897/.464 .838/.534 1.0/.600 .846/.611 | .861/.554 .872/.707 1.0/.700 1.0/.778 | queer adults, chosen family |
/// | kr | .889/.533 .786/.440 .833/.500 .800/.842 | .886/.689 .818/.540 1.0/.700 .947/.947 | grief within the year |
/// | ks | .806/.543 .829/.667 1.0/.250 .867/.619 | .854/.761 .894/.824 1.0/.500 .900/.857 | late shifts, gig work, fragments |
/// | kt | .909/.556 .900/.679 .857/.429 .864/.731 | .927/.704 .898/.830 1.0/.571 .808/.808 | twenties, dating apps, slang |
/// | ku | .969/.608 .914/.508 .625/.500 .850/.567 | .951/.765 .860/.587 .833/.500 .960/.800 | teachers, paramedics, social workers |
/// | kv | .897/.605 .957/.629 .900/1.0 1.0/.800 | .944/.791 .848/.800 1.0/1.0 .947/.900 | an ordinary mix, present tense, "you" |
///
/// Together, whole engine: signs .904/.685, triggers .858/.694, thoughts
/// .962/.622, steps .901/.819 (rules alone .902/.527, .846/.560,
/// .848/.476, .864/.684). Only `ko-` to `kr-` were read for rules (an
/// invitation texted as "was I coming", excuses a farmer gives, "Left
/// it." after a message, a caller kept on the doorstep, letting others do
/// all the texting, someone not speaking to me since, a child on my lap,
/// "when she gets tired of waiting"), each kept only if it changed no
/// label the wrong way on dev, `fresh.jsonl` and the sets before these.
/// On `ko-` to `kr-` the whole engine went from .889/.621, .837/.640,
/// .958/.622, .901/.800 to .914/.718, .863/.690, .964/.730, .901/.800;
/// on `ks-` to `kv-`, never read, from .918/.753, .878/.748, .966/.622,
/// .900/.835 to .924/.753 and the rest unchanged: one wrong sign gone,
/// nothing gained. As before, what fitting buys stays with the writers it
/// was fitted to, and the blind rows are the figure for a new writer.
/// Over those 1,680 the whole engine then scored signs .906/.760,
/// triggers .872/.789, thoughts .919/.764, steps .915/.850 (rules alone
/// .909/.618, .851/.625, .877/.649, .879/.732).
///
/// `kw-` to `ld-` (480 entries) were written later in session 25 the same
/// way, and scored blind by the engine the session started with:
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | kw | .857/.471 .838/.689 1.0/.250 1.0/.688 | .900/.706 .818/.800 .800/.500 .923/.750 | fathers and stepfathers, understatement |
/// | kx | .943/.623 .792/.543 1.0/.417 .900/.720 | .976/.774 .839/.743 1.0/.500 .909/.800 | chronic illness and pain |
/// | ky | .800/.622 .698/.517 .875/.500 .850/.586 | .825/.733 .765/.672 .900/.643 .950/.655 | students in halls |
/// | kz | .828/.545 .815/.458 .750/.545 .929/.650 | .914/.727 .861/.646 .875/.636 .938/.750 | in their sixties and seventies |
/// | la | .838/.608 .974/.644 1.0/.286 .875/.808 | .929/.765 .894/.712 .750/.429 .885/.885 | South Asian, West African, Caribbean families |
/// | lb | .750/.500 .857/.500 1.0/.231 .923/.545 | .830/.722 .897/.729 .800/.308 .933/.636 | moved city for work |
/// | lc | .900/.529 .759/.524 .667/.286 .737/.824 | .882/.588 .812/.619 .750/.429 .778/.824 | marriages of five to twenty years |
/// | ld | .844/.600 .871/.600 .750/.600 .846/.688 | .892/.733 .907/.867 1.0/.700 .824/.875 | terse phone notes |
///
/// Together, whole engine: signs .893/.718, triggers .848/.721, thoughts
/// .878/.524, steps .891/.766 (rules alone .844/.561, .826/.561,
/// .846/.402, .873/.684). With the rules fitted to `ko-` to `kv-` (never
/// to these): .893/.723, .852/.726, the rest unchanged. With the sign
/// veto raised to 0.15 (see `SecondOpinion::with_model`): signs .904/.716.
/// Thoughts were the weakest family for these writers, so their misses
/// were then read for thoughts, signs and triggers in general shapes
/// (better off with someone else, only asks so they can say they asked,
/// wondering what she's after, hit decline, ducking behind a stall till
/// she passed, a lease renewal with both names, a week of early starts):
/// .907/.741, .855/.747, .913/.768, .891/.766, fitted figures now.
///
/// Over all 2,160 the whole engine scores signs .918/.758, triggers
/// .871/.786, thoughts .924/.799, steps .909/.831 (rules alone .897/.622,
/// .852/.625, .893/.704, .878/.721); the floors sit a little under these.
/// Since the learned model trains on this whole file, the whole engine's
/// scores here are no longer an estimate for new writers (session 22,
/// 7,560 texts: signs .954/.940, triggers .940/.971, thoughts .956/.938,
/// steps .959/.985; session 26, 9,720 texts: .961/.935, .937/.966,
/// .955/.938, .953/.981); the floors guard against losing what it has
/// learned.
///
/// Session 29 added 108 sets (`mk-` to `rf-` but the eighteen kept in
/// `unseen.jsonl`), 6,480 texts written from the catalog alone in as many
/// new voices (a Leicester grandfather in formal Indian English, a Texan
/// rig worker, a Singaporean marketer with Singlish touches, an autistic
/// physics student, a Sikh taxi driver in Glasgow, a Ukrainian refugee in
/// Dublin, a deaf design student, a Samoan farm hand ...). Before they
/// were trained on, the first 480 (`mk-` to `mr-`) scored signs .868/.621,
/// triggers .759/.588, thoughts .884/.594, steps .908/.798 with the
/// session's starting engine, the next 540 .842/.557, .806/.596,
/// .807/.597, .858/.734. Now over all 16,200, signs .945/.881, triggers
/// .911/.947, thoughts .933/.917, steps .929/.979 (the signs threshold
/// rose with the retrained model, see `SecondOpinion::with_model`).
#[test]
fn fresh_sets_score_above_their_floors() {
    scores_above(
        "fresh.jsonl",
        FRESH,
        Some(16200),
        [
            (Family::Sign, 0.93, 0.86),
            (Family::Trigger, 0.89, 0.93),
            (Family::Thought, 0.91, 0.89),
            (Family::Step, 0.91, 0.96),
        ],
    );
}

/// `tests/data/rules/unseen.jsonl`: 5,880 entries in ninety-eight sets; the first
/// thirty-two are `le-` to `mj-`. The first sixteen (`le-` to `lt-`) were written in session 26 like those of `fresh.jsonl`, each by
/// one writer who had read only the catalog, in a voice of its own, and
/// kept out of the learned model's training (`examples/train_model.rs`
/// never reads this file), so the second opinion always has text it has
/// not seen. Scored blind by the engine the session started with (its
/// model trained without `ju-` to `ld-`). Rules alone, then the whole
/// engine (signs, triggers, thoughts, steps, precision/recall):
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | le | .931/.562 .833/.521 1.0/.364 1.0/.667 | .944/.708 .857/.625 1.0/.636 1.0/.778 | night-shift nurse, a teenage son |
/// | lf | .893/.510 .818/.551 .800/.364 .895/.708 | .886/.633 .833/.714 .714/.455 .905/.792 | apprentice, lowercase text-speak |
/// | lg | .958/.500 .750/.306 1.0/.600 .842/.696 | .882/.652 .875/.571 1.0/.800 .944/.739 | remote developer, social anxiety, asides |
/// | lh | .906/.592 .871/.562 .667/.571 .789/.652 | .912/.633 .846/.688 .750/.857 .944/.739 | single mother co-parenting |
/// | li | .828/.462 .667/.304 .750/.375 .889/.696 | .882/.577 .680/.370 .750/.375 .947/.783 | touring musician, long distance |
/// | lj | .792/.432 .840/.467 1.0/.500 .909/.556 | .909/.682 .833/.556 1.0/.667 .867/.722 | Glasgow tradesman in his fifties, Scots |
/// | lk | .762/.296 .690/.417 1.0/.500 .846/.688 | .871/.500 .737/.583 .778/.700 .933/.875 | PhD student, English as a second language |
/// | ll | .778/.467 .697/.348 1.0/.400 .762/.516 | .838/.517 .721/.470 1.0/.400 .818/.581 | engaged, couples counselling, long reflections |
/// | lm | .818/.360 .862/.490 1.0/.300 .933/.737 | .906/.580 .865/.627 1.0/.400 1.0/.842 | line cook, late shifts |
/// | ln | .857/.375 1.0/.415 1.0/.500 .870/.741 | .917/.458 .913/.512 1.0/.875 .880/.815 | caring for a husband with dementia |
/// | lo | .900/.391 .677/.467 .333/.125 .923/.571 | .880/.478 .706/.533 .500/.125 1.0/.714 | lecturer, wry and formal |
/// | lp | .846/.500 .667/.524 .833/.714 .933/.700 | .923/.545 .811/.714 1.0/.857 .944/.850 | long-haul driver, short sentences |
/// | lq | .821/.451 .885/.489 .889/.727 .923/.750 | .868/.647 .865/.681 .900/.818 .882/.938 | Australian surfer and barista, slang |
/// | lr | .963/.481 .846/.564 1.0/.600 .929/.812 | .921/.648 .812/.667 1.0/.600 1.0/.875 | new father, sleep-deprived |
/// | ls | .867/.510 .833/.588 .667/.286 .800/.762 | .919/.667 .857/.706 .500/.286 .870/.952 | ADHD, run-on sentences and dashes |
/// | lt | .793/.418 .720/.367 .750/.300 .867/.650 | .857/.545 .784/.592 .750/.300 .938/.750 | HR coordinator in the Midwest, restrained |
///
/// These writers are harder than any before: together, rules alone signs
/// .857/.456, triggers .787/.458, thoughts .861/.446, steps .873/.676;
/// whole engine .894/.591, .812/.598, .868/.568, .923/.786.
///
/// The model was then trained on `ju-` to `ld-` as well (moved to
/// `fresh.jsonl`, 10,028 texts in all), with nothing else changed:
/// `le-` to `ll-` went from .891/.607, .799/.569, .863/.603, .915/.739 to
/// .872/.642, .801/.607, .870/.644, .905/.761 (F1 +.017, +.026, +.030,
/// +.009), `lm-` to `lt-` from .898/.574, .824/.630,
/// .875/.530, .931/.838 to .883/.586, .843/.660, .884/.576, .918/.838.
/// Two earlier trials agree: a model trained on the rest of `ju-` to
/// `ld-` but not `kw-` to `ld-` took those from .907/.741, .855/.747,
/// .913/.768, .891/.766 to .900/.751, .855/.779, .929/.793, .899/.784; the
/// same for `ko-` to `kv-` moved them by under .006 (their rules had been
/// fitted hardest). On dev: signs .925/.898 to .916/.898, triggers F1 .903
/// to .895, thoughts .948 to .949, steps .922 to .928. The sign and
/// trigger thresholds stay: adding at 0.6 rather than 0.7 gave `le-` to `ll-` signs .842/.689 (F1
/// .758 against .739) but dev signs .894/.903, under the precision dev
/// asks for, and dev triggers .823/.928.
///
/// The second opinion then adds thoughts above 0.6 rather than 0.7 (see
/// `SecondOpinion::with_model`), chosen on these texts, so from here they
/// are no longer quite blind for that one threshold. A dozen rule lines
/// came from the misses of `le-` to `lh-` and `lm-` to `lp-` (an answer to
/// an invitation hedged, a retort that "came back with" a barb, kindness
/// doubted, "know how that story ends"): 23 labels right more on those
/// sets and none wrong anywhere, and on the eight sets not read, nothing
/// moved, as every session has found. Over `le-` to `lt-` the whole engine
/// then scored signs .878/.620, triggers .821/.632, thoughts .891/.705,
/// steps .912/.798. Their missed triggers gave a few more shapes last
/// ("wish u were here", hearts sent by the load, someone "missing our
/// walks", a day planned for my birthday, "was snappy with everyone",
/// "feels like I'm not bothered", prod going down, "absolutely cooked"):
/// triggers .825/.647 here, nothing wrong anywhere, and of the sets not
/// read one trigger more, in `lw-`.
///
/// `lu-` to `mj-` (960 entries) were written later in session 26 the same
/// way and scored blind by the engine as it stood after the rule lines
/// above (its rules and thresholds fitted to none of them):
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | lu | .818/.353 .800/.333 .500/.286 .824/.667 | .846/.431 .917/.611 .500/.286 .882/.714 | retired policeman, widowed, gruff |
/// | lv | .912/.620 .875/.538 .900/.818 .875/.583 | .921/.700 .920/.708 .900/.818 .889/.667 | nursing student, Filipino-British family |
/// | lw | .750/.511 .867/.520 .833/.625 1.0/.750 | .744/.681 .818/.720 .857/.750 1.0/.833 | trans woman, chosen family |
/// | lx | .857/.383 .905/.422 1.0/.700 .833/.750 | .800/.596 .853/.644 1.0/1.0 .864/.950 | farm in rural Ireland, Irish English |
/// | ly | .913/.457 .750/.471 .750/.429 .833/.682 | .875/.609 .784/.569 .833/.714 .905/.864 | corporate lawyer, clipped fragments |
/// | lz | .838/.646 .886/.633 1.0/.556 .833/.600 | .826/.792 .872/.837 .833/.556 .923/.960 | sixth-former between two houses |
/// | ma | .839/.500 .556/.263 1.0/.333 .810/.810 | .842/.615 .645/.526 1.0/.556 .870/.952 | stay-at-home dad |
/// | mb | .871/.551 .750/.420 1.0/.200 .833/.833 | .878/.735 .806/.580 .875/.700 .889/.889 | Nigerian-British accountant, Nigerian English |
/// | mc | .733/.407 .737/.378 1.0/.571 .727/.533 | .844/.500 .733/.595 1.0/.857 .786/.733 | salon owner in her fifties |
/// | md | .926/.510 .550/.324 1.0/.500 .917/.786 | .946/.714 .639/.676 1.0/.600 .857/.857 | soldier home on leave, guarded |
/// | me | .846/.400 .706/.480 1.0/.833 .875/.667 | .889/.582 .744/.640 .667/1.0 .864/.905 | Korean-American nurse, immigrant parents |
/// | mf | .767/.451 .833/.568 .800/.800 .889/.842 | .892/.647 .806/.659 1.0/.800 .900/.947 | gay man, long marriage, a father who never accepted him |
/// | mg | .757/.651 .811/.536 .833/.556 .857/.562 | .865/.744 .796/.696 .778/.778 .885/.719 | depression in a good stretch |
/// | mh | 1.0/.422 .667/.444 .667/.200 .615/.400 | .964/.600 .759/.611 .800/.400 .750/.750 | retired teacher moved near family |
/// | mi | .923/.453 .909/.500 1.0/.500 .750/.667 | .905/.717 .833/.667 1.0/.500 .875/.778 | London warehouse worker, London slang |
/// | mj | .862/.481 .828/.522 1.0/.714 1.0/.636 | .921/.673 .838/.674 .833/.714 .944/.773 | Canadian father and hockey coach |
///
/// Together: rules alone signs .844/.485, triggers .791/.471, thoughts
/// .899/.526, steps .845/.667; whole engine .870/.644, .802/.656,
/// .868/.681, .883/.827. They were written to be trained on, and a model
/// trained on them too (10,988 texts) took `le-` to `lt-` from .878/.620,
/// .821/.632, .891/.705, .912/.798 to .874/.634, .824/.649, .891/.705,
/// .912/.807 (F1 +.005, +.012, 0, +.005), but on dev it changed 14 labels,
/// 10 of them the wrong way (thoughts F1 .933 to .909). So the model stays
/// as it is and these sets stay unseen. They also showed a gap in the
/// anchors: a contraction with a mark after it in a phrase ("I
/// (can't|cannot)[.,!;]") was anchored on "can" alone, so "I said I cant,
/// got shifts" was never tried. Anchored on "cant" too, it gave two more
/// right signs here (`lv-036`, `mi-021`, signs .871/.646) and changed
/// nothing in any other labelled file.
///
/// Over all 1,920 the whole engine then scored signs .874/.633, triggers
/// .813/.651, thoughts .880/.693, steps .897/.812 (rules alone .851/.475,
/// .792/.473, .885/.507, .859/.671).
///
/// Session 27 read the misses of `lu-` to `lx-` and `mc-` to `mf-` (480
/// entries) and wrote about seventy rule lines in general shapes from them
/// (excuses and invitations in Irish, Northern and army English, bids
/// such as "asked would I be godmother" and "u coming friday or what",
/// stress such as "zombie after nights", steps, short answers), and one
/// context change: a time opening a note ("This morning finally messaged
/// Priya") is no one acting. Each was kept only if it turned no label
/// wrong in any labelled file, with the rules alone or the whole engine.
/// On the sets read, the whole engine went from signs .860/.606, triggers
/// .805/.662, thoughts .875/.766, steps .884/.823 to .868/.649, .820/.731,
/// .875/.766, .892/.886. On the 480 of the same batch not read (`ly-` to
/// `mb-`, `mg-` to `mj-`) it went from .881/.688, .799/.650, .860/.606,
/// .881/.831 to .882/.691 and the rest unchanged; on the 1,440 not read in
/// all, by .003 at most (sign recall with the rules alone). On `fresh.jsonl`, which no one read
/// this session, the rules alone found 8 bids and 4 steps more. As every
/// session has found, phrases fitted on one writer carry little to the
/// next.
///
/// Over all 1,920 the whole engine then scored signs .876/.645, triggers
/// .817/.668, thoughts .880/.693, steps .898/.827 (rules alone .855/.489,
/// .798/.490, .885/.507, .862/.688).
///
/// Session 28 wrote no phrase lines for these sets. It listed, over this
/// file and `fresh.jsonl`, the gold labels the engine missed although a
/// rule had matched and a context check had turned it down, and read the
/// ~150 of those turned down for who acted, negation or mood (so the
/// entries behind them are read now, for context, not for phrases). What
/// they showed were faults of the checks, each in many voices: a question
/// someone asked read as the author's plan ("asked if I'd thought about us
/// getting a place together"), a negation or modal carried past "and" onto
/// a deed in the past ("told him not to uproot ... and turned it round";
/// "said I'd think about it ... and still havent replied"), what was done
/// instead read as not done ("Instead of going dark messaged Priya"), "us"
/// after the author's own "I" read as done to them, "me and Donna" and "my
/// brother Idris" read as someone else acting, "off my back when" read as
/// a past habit. Fixed in `src/rules/context.rs` (logic version
/// context-47), each kept only if the labels it moved were right on the
/// whole: over every labelled file 124 labels right more and 6 wrong (4
/// entries, each where the same words are a different label to the
/// labellers, "said I'd been quiet" after "asked if I was alright" being
/// concern, not criticism). Here: 14 right and 1 wrong with the rules
/// alone, 10 right with the whole engine. On dev, never read: triggers
/// with the rules alone .954/.917 to .960/.928, the whole engine
/// .869/.922 to .874/.922, the rest unchanged.
///
/// Over those 1,920 the whole engine scored signs .877/.649, triggers
/// .818/.670, thoughts .880/.693, steps .898/.829 at the end of session
/// 28 (rules alone .856/.492, .798/.494, .885/.507, .863/.692).
///
/// Session 29 had 126 more sets written the same way, each by a writer
/// who read only the catalog, in a voice of its own. Eighteen of them
/// (`ne-`, `nf-`, `nk-` to `nn-`, `nq-` to `nt-`, `nw-` to `nz-`, `oa-` to
/// `od-`) joined this file, never trained on; the other 108 went to
/// `fresh.jsonl`. Scored blind by the engine the session started with
/// (rules alone | whole engine; signs, triggers, thoughts, steps):
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | ne | .880/.500 .760/.500 1.0/.455 .727/.842 | .966/.636 .733/.579 .750/.545 .783/.947 | wheelchair user working from home |
/// | nf | .773/.370 .600/.343 1.0/.571 .778/.636 | .867/.565 .611/.629 1.0/.571 .875/.636 | Geordie bus driver |
/// | nk | .920/.434 .500/.361 1.0/.429 .889/.500 | .844/.717 .622/.639 .600/.429 .824/.875 | South African mother in Perth |
/// | nl | .926/.463 .619/.310 1.0/.625 .900/.562 | .865/.593 .720/.429 1.0/.625 .875/.875 | freelance photographer, run-on captions |
/// | nm | .848/.651 .690/.556 .500/.286 .850/1.0 | .825/.767 .684/.722 1.0/.286 .895/1.0 | divorced dad, every other weekend |
/// | nn | .769/.444 .633/.442 1.0/.600 1.0/.875 | .824/.622 .730/.628 1.0/.800 1.0/1.0 | Muslim pharmacist, arranged introduction |
/// | nq | .952/.444 .690/.526 .833/.556 .833/.789 | .829/.644 .630/.763 1.0/.667 1.0/.895 | Utah mom of four, exclamation marks |
/// | nr | .846/.489 .789/.385 .714/.625 .929/.619 | .800/.622 .765/.667 .583/.875 1.0/.762 | Brazilian au pair, English as a second language |
/// | ns | .880/.415 .833/.556 1.0/.571 .923/.632 | .833/.472 .788/.722 1.0/.857 .875/.737 | man who has just lost his job |
/// | nt | .846/.379 .824/.424 1.0/.400 .824/.636 | .919/.586 .826/.576 .750/.600 .850/.773 | injured dancer |
/// | nw | .731/.388 .737/.424 .500/.167 1.0/.733 | .958/.469 .800/.606 .500/.167 .867/.867 | Hebridean crofter |
/// | nx | .840/.396 .842/.348 1.0/.400 .714/.833 | .871/.509 .795/.674 .667/.400 .688/.917 | startup founder |
/// | ny | .778/.298 .818/.450 1.0/.222 .786/.579 | .862/.532 .743/.650 .750/.333 .842/.842 | Yorkshire librarian |
/// | nz | .833/.521 .697/.590 1.0/.333 .857/.667 | .806/.604 .775/.795 1.0/.500 .941/.889 | phone-shop gamer at home |
/// | oa | .938/.326 .917/.512 .667/.400 .812/.650 | .897/.565 .882/.698 1.0/.800 .833/.750 | Ghanaian-born care worker |
/// | ob | .913/.457 .667/.550 1.0/.600 .750/.545 | .906/.630 .765/.650 .800/.800 .789/.682 | police call handler |
/// | oc | .778/.538 .955/.438 1.0/.429 .857/.632 | .821/.615 .914/.667 .833/.714 .929/.684 | minister's son who left the church |
/// | od | .800/.333 .750/.375 .750/.500 .750/.571 | .880/.458 .704/.475 .750/.500 .812/.619 | New York grandmother, Yiddish touches |
///
/// Together, rules alone: signs .844/.434, triggers .731/.448, thoughts
/// .875/.455, steps .835/.677; whole engine .861/.587, .745/.643,
/// .816/.577, .868/.814. One entry (`ob-026`) was read, for a therapy
/// report shape found in other sets. With the session's context fixes
/// (fitted on other sets) and the model retrained on the 108 others:
/// .874/.593, .747/.692, .806/.610, .843/.851.
///
/// Over those 3,000 the whole engine then scored signs .890/.633, triggers
/// .794/.699, thoughts .859/.675, steps .873/.849 (rules alone .860/.472,
/// .777/.480, .882/.491, .854/.687).
///
/// The session's last 24 sets (`rg-` to `sd-`, 1,440 texts) joined this
/// file too, scored blind by the engine as committed: rules alone signs
/// .806/.362, triggers .790/.454, thoughts .883/.479, steps .807/.642;
/// whole engine .861/.560, .785/.692, .822/.683, .838/.825. (Trained on,
/// they lifted unseen sign recall by about a point but took the whole
/// engine's trigger precision on `examples.jsonl` under its floor, so
/// they were kept out.)
///
/// Over all 4,440 the whole engine now scores signs .881/.610, triggers
/// .791/.697, thoughts .849/.677, steps .863/.842 (rules alone .845/.437,
/// .781/.472, .883/.488, .841/.675).
///
/// Session 30 added 24 more sets (`ta-` to `tx-`, 1,440 texts), written the
/// same way in new voices and scored blind by the engine as it stood when
/// they arrived; neither rules nor model have been fitted to them. Rules
/// alone, then the whole engine (signs, triggers, thoughts, steps,
/// precision/recall):
///
/// | set | rules alone | whole engine | voices |
/// |-----|-------------|--------------|--------|
/// | ta | .906/.580 .880/.449 .400/.400 .889/.533 | .889/.640 .833/.612 .750/.600 1.0/.867 | Cardiff apprentice electrician, texting |
/// | tb | .875/.375 .667/.400 1.0/.667 .733/.733 | .868/.589 .762/.711 .750/1.0 .812/.867 | Nigerian-born doctor in Houston |
/// | tc | .808/.420 .810/.362 .750/.500 .625/.625 | .829/.580 .763/.617 .600/1.0 .667/.875 | Brazilian au pair in Dublin, second language |
/// | td | .808/.447 .750/.383 .667/.286 .933/.824 | .818/.574 .692/.574 1.0/.429 .941/.941 | Hull lorry driver on the road |
/// | te | .800/.308 .696/.372 1.0/.000 .833/.714 | .833/.481 .842/.744 .500/.167 .950/.905 | Filipino nurse in Riyadh |
/// | tf | .800/.255 .417/.256 .500/.167 .833/.500 | .815/.468 .649/.615 1.0/.333 .833/.750 | New York family lawyer, dry |
/// | tg | .781/.510 .826/.514 .667/.333 .818/.692 | .811/.612 .737/.757 .833/.833 .923/.923 | returned missionary in Idaho |
/// | th | .824/.259 .727/.421 1.0/.250 .778/.500 | .818/.500 .718/.737 .500/.250 .769/.714 | retired teacher in Nairobi |
/// | ti | .821/.434 .800/.522 .800/.667 1.0/.625 | .897/.660 .727/.696 .667/.667 1.0/.938 | Melbourne barista with ADHD, dot points |
/// | tj | .696/.348 .737/.378 1.0/.833 .889/.667 | .929/.565 .794/.730 1.0/.833 1.0/.833 | Chicago firefighter |
/// | tk | .429/.067 .875/.389 1.0/.000 .833/.385 | .833/.333 .852/.639 1.0/.000 .857/.462 | Peterhead fisherman, Doric |
/// | tl | .900/.383 .808/.447 .750/.429 1.0/.929 | .935/.617 .897/.745 .857/.857 .867/.929 | chemistry PhD student in Delhi |
/// | tm | .933/.538 .818/.628 .800/.571 .733/.786 | .919/.654 .775/.721 .833/.714 .733/.786 | divorced dad of twins in Auckland |
/// | tn | .806/.463 .806/.568 1.0/.714 .846/.733 | .830/.722 .737/.636 1.0/.714 .875/.933 | Vietnamese-Australian pharmacist |
/// | to | .882/.300 .714/.417 1.0/.857 .636/.438 | .867/.520 .765/.722 1.0/1.0 .684/.812 | vicar's wife in Somerset |
/// | tp | .793/.434 .857/.293 1.0/.429 1.0/.611 | .886/.585 .880/.537 1.0/.714 .889/.889 | esports coach in Seoul |
/// | tq | .882/.294 .875/.368 1.0/.333 .765/.684 | .938/.588 .929/.684 .800/.667 .765/.684 | Birmingham bus driver, patois |
/// | tr | .762/.308 .846/.524 1.0/.000 .750/.706 | .903/.538 .800/.667 1.0/.250 .842/.941 | engineering student in Kumasi |
/// | ts | .950/.442 .778/.568 .800/.571 .842/.762 | .917/.767 .771/.730 1.0/.714 .842/.762 | Montreal translator, French turns |
/// | tt | .750/.349 .727/.471 .833/.714 .875/.500 | .800/.651 .844/.794 .857/.857 .900/.643 | Essex plasterer in recovery |
/// | tu | .909/.233 .700/.219 1.0/.286 .667/.571 | .889/.372 .773/.531 1.0/.429 .706/.857 | retired RAF officer, clipped |
/// | tv | .800/.385 .750/.558 .500/.250 .750/.800 | .912/.596 .756/.721 .625/.625 .789/1.0 | Turkish-German barber in Berlin |
/// | tw | .920/.479 .645/.455 .857/1.0 .769/.588 | .906/.604 .644/.659 .857/1.0 .867/.765 | social worker on the Navajo Nation |
/// | tx | .821/.434 .550/.297 1.0/.200 .667/.471 | .865/.604 .611/.595 1.0/.600 .786/.647 | Egyptian-born IT manager in Dubai |
///
/// Together, rules alone: signs .829/.379, triggers .751/.431, thoughts
/// .812/.439, steps .804/.642; whole engine .871/.577, .767/.673,
/// .833/.642, .838/.822.
///
/// Over all 5,880 the whole engine scores signs .879/.602, triggers
/// .786/.692, thoughts .846/.670, steps .858/.838 (rules alone .842/.422,
/// .774/.462, .868/.477, .833/.668); the floors sit a little under these.
#[test]
fn unseen_sets_score_above_their_floors() {
    scores_above(
        "unseen.jsonl",
        UNSEEN,
        Some(5880),
        [
            (Family::Sign, 0.86, 0.59),
            (Family::Trigger, 0.77, 0.67),
            (Family::Thought, 0.83, 0.65),
            (Family::Step, 0.84, 0.82),
        ],
    );
}
