#include "demo/stories.h"

#include <algorithm>

namespace lede::demo {
namespace {

enum : int { kWorld, kPolitics, kBusiness, kScience, kTechnology, kCulture, kSport };

const std::vector<SectionText> kSections = {
    {"World", "Reporting from our correspondents around the globe.",
     {"Officials in the region have spent much of the year trying to balance quick "
      "results against the slower work of building trust. Diplomats describe the talks as "
      "businesslike rather than warm, and note that neither side has walked away.",
      "Aid groups say the practical questions matter most to the people affected: whether "
      "roads stay open, whether schools reopen on time and whether prices at the market "
      "settle. Those measures, more than any communique, will show whether the deal holds.",
      "Analysts caution against reading too much into a single week. Similar agreements "
      "have stalled before when the attention of foreign capitals moved elsewhere, and the "
      "hardest commitments are the ones scheduled for next year.",
      "A follow-up meeting is pencilled in for the spring. Until then, monitors from three "
      "neighbouring countries will publish a short report every month, and our "
      "correspondents will keep reading them."}},
    {"Politics", "Parliament, parties and the decisions that shape public life.",
     {"The government's majority is comfortable on paper but thinner in practice, with a "
      "handful of backbenchers willing to vote against measures they see as rushed. Party "
      "managers have responded by slowing the timetable rather than forcing a showdown.",
      "Opposition leaders have focused their attacks on cost rather than principle, a sign "
      "that they expect the broad idea to survive. Their amendments would phase the change "
      "in over four years instead of two.",
      "Polling suggests voters care less about the procedural fight than about what the "
      "change means for household bills. Both sides have taken the hint and their speeches "
      "now lead with examples from constituents.",
      "The bill returns to committee next month, where members can still rewrite its most "
      "contested clauses. A final vote is unlikely before the summer recess."}},
    {"Business", "Markets, companies and the economy, explained.",
     {"Economists had expected a slowdown this quarter, but spending by households has "
      "held up better than forecast, helped by wages that are finally rising faster than "
      "prices for most workers.",
      "Smaller firms tell a more cautious story. Many say borrowing remains expensive and "
      "that they are postponing investment until the outlook for interest rates becomes "
      "clearer.",
      "Investors reacted calmly. Shares in the sector moved within their usual range, and "
      "bond markets barely registered the announcement, suggesting much of the news had "
      "already been anticipated.",
      "The central bank meets again in six weeks. Its statement will be read closely for "
      "any hint that policymakers are ready to change course before the end of the year."}},
    {"Science", "Discoveries, research and the people behind them.",
     {"The work builds on a decade of smaller studies, each of which hinted at the effect "
      "without being large enough to confirm it. Pooling data from several sites gave the "
      "team the statistical power earlier efforts lacked.",
      "Independent researchers welcomed the results but stressed the usual caveats: the "
      "findings need to be replicated, and the mechanism behind them is not yet "
      "understood.",
      "Funding for this kind of long-term monitoring is notoriously hard to secure, because "
      "its value only becomes obvious years later. Several of the authors have spent much "
      "of their careers keeping the measurements going.",
      "The team has already begun a second phase, with more sites and a longer observation "
      "window. Its data will be published openly so that other groups can test the "
      "conclusions for themselves."}},
    {"Technology", "How technology is changing work, life and power.",
     {"The change arrives quietly for most users, as a routine update that adjusts a few "
      "settings. Its effects on how data is collected and shared are larger than the "
      "release notes suggest.",
      "Engineers who worked on earlier versions say the hardest part was never the code "
      "itself but agreeing on what the system should refuse to do. Those arguments are now "
      "being settled in public.",
      "Regulators have signalled that they are watching closely. Consumer groups want "
      "clearer explanations of how automated decisions are made and an easy way to "
      "challenge them.",
      "The next version is due within the year. Developers have been invited to test it "
      "early, and the company says it will publish the results of an independent security "
      "review before launch."}},
    {"Culture", "Books, film, music, art and ideas.",
     {"The project grew out of conversations in a rehearsal room rather than a boardroom, "
      "and it shows: the work feels improvised in the best sense, alert to its audience and "
      "willing to change direction.",
      "Critics have been divided, which the organisers say is the point. Attendance has "
      "been strong, and the audience is noticeably younger than at the venue's usual "
      "programme.",
      "Behind the scenes, the budget was modest. Much of the set was built from salvaged "
      "materials, and the cast includes several performers appearing on a professional "
      "stage for the first time.",
      "The run has been extended by three weeks, and a touring version is planned for the "
      "autumn, with stops in smaller towns that rarely host productions of this scale."}},
    {"Sport", "Results, analysis and the stories behind the scores.",
     {"The coaching staff have rebuilt the side's approach around fitness and patience, "
      "asking players to keep the ball longer and wait for openings rather than force "
      "them.",
      "Supporters have noticed the difference. Home attendances are up on last season, and "
      "the atmosphere in the stadium has changed from anxious to expectant.",
      "Injuries remain the biggest worry. Two regular starters are out for at least a "
      "month, and the squad is thin in the positions where they play.",
      "The fixture list offers little relief, with three away matches in the next fortnight. "
      "Results in that run will show whether the recent form is a turning point or a "
      "purple patch."}},
};

const std::vector<ReporterText> kReporters = {
    {"Mina Cho", "Mina Cho is our East Asia correspondent, based in Seoul."},
    {"Daniel Okafor", "Daniel Okafor covers politics and Parliament."},
    {"Ingrid Solberg", "Ingrid Solberg writes about business and the economy."},
    {"Rafael Mendes", "Rafael Mendes is our science correspondent."},
    {"Priya Raman", "Priya Raman covers technology and the people it affects."},
    {"Tomás Ferreira", "Tomás Ferreira writes about culture and sport."},
};

// Grouped by section for writing; Stories() interleaves them by date.
const std::vector<StoryText> kStories = {
    // World
    {kWorld, "Seoul and Tokyo agree to reopen ferry routes closed for a decade",
     "The deal restores passenger links between three port cities and sets up a joint "
     "safety board.", "SEOUL",
     {"Three ferry routes reopen from March", "A joint safety board will inspect every vessel",
      "Fares will be capped for the first year"},
     {"Diplomacy", "Transport", "East Asia"},
     "Ferry passengers will once again be able to cross between three port cities from "
     "March, after negotiators agreed to restore routes that were suspended ten years ago.\n\n"
     "The agreement, signed on Tuesday, also creates a joint board that will inspect every "
     "vessel before it carries passengers."},
    {kWorld, "River nations sign a water-sharing pact after five years of talks",
     "Four governments commit to publish daily flow data and settle disputes through a "
     "standing commission.", "NAIROBI",
     {"Daily river flow data will be public", "A commission will settle disputes",
      "Farmers downstream get guaranteed minimum flows in dry months"},
     {"Diplomacy", "Water", "Africa"},
     "Four countries that share one of the region's longest rivers have signed a pact that "
     "commits them to publish daily measurements of how much water flows across each "
     "border."},
    {kWorld, "Mountain villages rebuild with earthquake-resistant schools",
     "A two-year programme has replaced forty classrooms with designs tested against strong "
     "tremors.", "KATHMANDU",
     {"Forty classrooms rebuilt in two years", "Designs were tested on shake tables",
      "Local builders trained in the new methods"},
     {"Education", "Disaster recovery"},
     "In the villages above the valley, children now study in classrooms built to stand "
     "through the kind of tremor that flattened their old schools."},
    {kWorld, "Port strike ends with deal on night-shift safety",
     "Dock workers return after nine days as operators agree to better lighting and more "
     "staff on late shifts.", "ROTTERDAM",
     {"The strike lasted nine days", "Night shifts will have more staff",
      "Backlogs should clear within two weeks"},
     {"Labour", "Trade", "Europe"},
     "Cranes were moving again on Monday morning after dock workers voted to accept an "
     "agreement on safety during night shifts."},
    {kWorld, "Island states press for faster climate finance at regional summit",
     "Leaders want money promised three years ago to reach coastal defence projects this "
     "year.", "SUVA",
     {"Only a third of promised funds have arrived", "Sea walls and water storage are the "
      "priorities", "A progress review is set for June"},
     {"Climate", "Pacific"},
     "Leaders of small island states used a regional summit to demand that funds promised "
     "for coastal defences actually arrive."},
    {kWorld, "Border towns reopen weekly market closed since the pandemic",
     "Traders return to a market that once drew buyers from both sides of the frontier.",
     "TBILISI",
     {"The market reopens every Saturday", "Customs checks move to a new shared post",
      "Local officials expect two thousand visitors a week"},
     {"Trade", "Europe"},
     "For the first time in six years, traders set out their stalls on Saturday in the "
     "meadow where the weekly border market used to meet."},
    {kWorld, "Election observers praise calm vote but flag slow counting",
     "A regional mission says the count took too long in rural districts and should be "
     "modernised.", "LIMA",
     {"Turnout reached 71 per cent", "Rural counts took up to four days",
      "Observers recommend electronic tally sheets"},
     {"Elections", "Latin America"},
     "International observers described Sunday's vote as orderly and peaceful, while "
     "urging officials to speed up counting in remote districts."},
    {kWorld, "Historic bridge reopens after careful restoration",
     "Engineers replaced rotten timbers one by one to keep the 200-year-old crossing "
     "authentic.", "KRAKÓW",
     {"The bridge had been closed for three years", "Original stone piers were kept",
      "Cyclists and pedestrians only, as before"},
     {"Heritage", "Europe"},
     "The old wooden bridge across the river reopened to walkers and cyclists this week "
     "after a restoration that replaced its timbers one at a time."},
    {kWorld, "Desert city trials shaded bus stops cooled by evaporation",
     "Twenty new shelters use water-soaked panels to keep waiting passengers cooler in "
     "summer.", "MUSCAT",
     {"Twenty shelters in the first phase", "Temperatures inside are up to eight degrees "
      "lower", "Solar panels run the fans"},
     {"Climate", "Transport", "Middle East"},
     "Bus passengers in the city's busiest districts have a cooler wait this summer, thanks "
     "to shelters that use wet panels and small fans to take the edge off the heat."},

    // Politics
    {kPolitics, "Parliament backs plan to publish every ministerial meeting",
     "A cross-party amendment will put ministers' diaries online within a month of each "
     "meeting.", "LONDON",
     {"Diaries published monthly, not quarterly", "Lobbyists must be named",
      "The change starts in January"},
     {"Transparency", "Parliament"},
     "Ministers will have to publish details of every official meeting within a month, "
     "after MPs backed a cross-party amendment on Wednesday night."},
    {kPolitics, "Councils win new powers to bring empty homes back into use",
     "Local authorities will be able to lease long-empty properties and let them to "
     "families on waiting lists.", "MANCHESTER",
     {"Homes empty for two years qualify", "Owners keep the freehold",
      "Rents go to repairs first"},
     {"Housing", "Local government"},
     "Councils will be able to take over the management of homes left empty for more than "
     "two years under powers announced by the housing minister."},
    {kPolitics, "Voting age debate returns as committee hears from students",
     "Sixth-formers told MPs they feel ready to vote at sixteen; critics warned against "
     "rushing the change.", "LONDON",
     {"Committee heard from twelve students", "A report is due in the spring",
      "Two other nations already allow voting at sixteen"},
     {"Elections", "Parliament", "Young people"},
     "A committee of MPs heard from a dozen sixth-form students on Tuesday as the debate "
     "over lowering the voting age returned to Westminster."},
    {kPolitics, "Mayor unveils plan for free bus travel for under-18s",
     "The scheme would cost about 40 million a year and start in September if the budget "
     "passes.", "BIRMINGHAM",
     {"All under-18s would ride free", "The budget vote is next month",
      "Bus operators want guarantees on costs"},
     {"Transport", "Local government", "Young people"},
     "Everyone under 18 would travel free on the region's buses from September under "
     "plans set out by the mayor on Monday."},
    {kPolitics, "Select committee calls for clearer rules on official messaging apps",
     "MPs want government business on disappearing-message apps to be recorded and "
     "archived.", "LONDON",
     {"Disappearing messages should be off for official chats", "Records kept for twenty "
      "years", "The government has two months to respond"},
     {"Transparency", "Technology policy"},
     "Government business conducted on messaging apps should be archived like any other "
     "official record, a committee of MPs said on Thursday."},
    {kPolitics, "Party conference season opens with a focus on bills",
     "Energy and food prices dominate the agenda as activists gather on the coast.",
     "BRIGHTON",
     {"Energy prices top members' concerns", "Leaders promise a plan on insulation",
      "Fringe events on local bus services were packed"},
     {"Parties", "Cost of living"},
     "Party members gathered on the seafront on Sunday for the first conference of the "
     "season, with household bills dominating the talk in halls and cafés."},
    {kPolitics, "Regional assembly votes to pilot a four-day week for its staff",
     "The six-month trial will measure productivity and sick leave before any wider "
     "rollout.", "CARDIFF",
     {"Two hundred staff take part", "Pay stays the same",
      "Results to be published in full"},
     {"Work", "Devolution"},
     "Staff at the regional assembly will work four days a week for six months under a "
     "pilot approved by members on Wednesday."},
    {kPolitics, "Review finds planning appeals take twice as long as a decade ago",
     "An independent review recommends more inspectors and a fast track for small "
     "schemes.", "BRISTOL",
     {"Average appeal now takes 48 weeks", "Small schemes could get a 12-week track",
      "Sixty new inspectors proposed"},
     {"Housing", "Planning"},
     "Planning appeals now take almost a year on average, twice as long as ten years ago, "
     "according to an independent review published on Friday."},
    {kPolitics, "Lords propose changes to tenants' deposit protection",
     "Peers want deposits returned within ten days and disputes settled online.",
     "LONDON",
     {"Deposits back within ten days", "Free online dispute service",
      "Landlords' groups broadly supportive"},
     {"Housing", "Parliament"},
     "Tenants would get their deposits back within ten days of moving out under changes "
     "proposed by peers this week."},

    // Business
    {kBusiness, "Shipping costs fall as new container capacity arrives",
     "The price of moving a container across the Pacific has dropped by a third since "
     "spring.", "SINGAPORE",
     {"Pacific rates down a third since spring", "Two hundred new ships delivered this year",
      "Retailers expect cheaper imports by winter"},
     {"Trade", "Shipping"},
     "The cost of shipping goods across the Pacific has fallen by about a third since the "
     "spring as a wave of new container ships enters service."},
    {kBusiness, "Family bakery chain expands into train stations",
     "The seventy-year-old firm will open twelve kiosks, its biggest expansion yet.",
     "LEEDS",
     {"Twelve station kiosks by next summer", "Two hundred new jobs",
      "Recipes unchanged since the founder's day"},
     {"Retail", "Small business"},
     "A family-run bakery chain founded seventy years ago is opening kiosks in a dozen "
     "railway stations, its largest expansion since it began."},
    {kBusiness, "Wages outpace prices for the sixth month running",
     "Official figures show real pay rising, though not yet back to its level of three "
     "years ago.", "LONDON",
     {"Regular pay rose 5.1 per cent", "Prices rose 3.2 per cent",
      "Real pay still below its earlier peak"},
     {"Economy", "Jobs"},
     "Pay has risen faster than prices for the sixth month in a row, according to official "
     "figures published on Tuesday."},
    {kBusiness, "Offshore wind farm signs supply deal with steelworks",
     "The agreement guarantees the plant cheaper renewable power for fifteen years.",
     "ABERDEEN",
     {"A fifteen-year power contract", "The steelworks cuts emissions by a fifth",
      "Prices fixed below the market average"},
     {"Energy", "Manufacturing"},
     "A steelworks will take much of its electricity from an offshore wind farm for the "
     "next fifteen years under a contract signed on Thursday."},
    {kBusiness, "High street footfall recovers in market towns",
     "Smaller towns are outperforming big cities as shoppers stay closer to home.",
     "YORK",
     {"Market towns up 6 per cent on last year", "City centres flat",
      "Independent cafés and repair shops lead the recovery"},
     {"Retail", "Economy"},
     "Shoppers are returning to the high streets of market towns faster than to city "
     "centres, according to footfall counters in more than four hundred locations."},
    {kBusiness, "Carmaker to build battery recycling plant",
     "The factory will recover metals from old batteries for use in new ones.",
     "SUNDERLAND",
     {"Construction starts next year", "Three hundred jobs when complete",
      "Up to 90 per cent of key metals recovered"},
     {"Manufacturing", "Energy"},
     "A carmaker will build a plant to recover lithium, nickel and cobalt from old "
     "batteries next to its assembly lines."},
    {kBusiness, "Mortgage approvals rise as rates edge down",
     "Lenders approved the most home loans in a year, though first-time buyers still "
     "struggle with deposits.", "LONDON",
     {"Approvals up for the fourth month", "Average two-year fixed rate below 5 per cent",
      "First-time buyers need bigger deposits than ever"},
     {"Housing", "Economy"},
     "Banks approved more mortgages last month than at any time in the past year, as "
     "falling rates brought buyers back."},
    {kBusiness, "Co-operative grocer reports record membership",
     "More shoppers are joining member-owned stores, attracted by dividends and local "
     "sourcing.", "GLASGOW",
     {"Membership passed one million", "Dividends paid to members twice a year",
      "Half of fresh produce sourced within 50 miles"},
     {"Retail", "Co-operatives"},
     "A member-owned grocery chain says more than a million people now hold a share, a "
     "record in its 150-year history."},
    {kBusiness, "Airport invests in electric ground vehicles",
     "Baggage tugs and catering trucks will switch to batteries within three years.",
     "EDINBURGH",
     {"Two hundred vehicles replaced", "Chargers powered by rooftop solar",
      "Noise on the apron expected to fall"},
     {"Transport", "Energy"},
     "The airport will replace its diesel baggage tugs, catering trucks and buses with "
     "electric ones over the next three years."},

    // Science
    {kScience, "Deep-sea survey finds coral thriving in cold, dark waters",
     "Researchers mapped a reef stretching for kilometres at a depth of 800 metres.",
     "REYKJAVÍK",
     {"The reef lies 800 metres down", "Dozens of species recorded, some possibly new",
      "Scientists want it protected from trawling"},
     {"Oceans", "Biodiversity"},
     "A robotic submarine has mapped a cold-water coral reef several kilometres long on "
     "the sea floor, in water so dark that no sunlight reaches it."},
    {kScience, "Long-running study links green spaces to better sleep",
     "People living near parks slept longer and reported less stress over twenty years.",
     "COPENHAGEN",
     {"Twenty years of data from 40,000 people", "About 20 minutes' more sleep a night",
      "The effect was strongest in dense neighbourhoods"},
     {"Health", "Cities"},
     "People who live within a short walk of a park sleep longer and report less stress, "
     "according to a study that followed 40,000 adults for two decades."},
    {kScience, "Astronomers time the spin of a distant asteroid",
     "Observations from three observatories pin down the rotation of a rock the size of a "
     "stadium.", "LA SERENA",
     {"It spins once every 2.3 hours", "Three observatories pooled their data",
      "No risk to Earth, astronomers stress"},
     {"Space", "Astronomy"},
     "Astronomers working across three continents have measured how fast a distant "
     "asteroid spins, using its flickering brightness as a clock."},
    {kScience, "Bees learn faster in quieter fields, experiment finds",
     "Traffic noise slowed how quickly bumblebees learned which flowers held nectar.",
     "UPPSALA",
     {"Noisy fields slowed learning by a third", "The effect faded when the noise stopped",
      "Hedgerows may help buffer the sound"},
     {"Biodiversity", "Insects"},
     "Bumblebees took longer to learn which flowers were worth visiting when recordings of "
     "traffic were played nearby, researchers found."},
    {kScience, "New rain gauge network will sharpen flood warnings",
     "Hundreds of low-cost sensors will report rainfall minute by minute.",
     "EXETER",
     {"Five hundred gauges installed", "Data shared openly every minute",
      "Forecasters expect earlier warnings for small rivers"},
     {"Weather", "Climate"},
     "Forecasters will be able to warn of flash floods earlier thanks to a network of five "
     "hundred rain gauges that report every minute."},
    {kScience, "Ancient grain stores reveal early farmers' planning",
     "Excavations show communities kept reserves large enough to last a failed harvest.",
     "ANKARA",
     {"Stores date back about 9,000 years", "Enough grain for a full year",
      "Seeds sorted by type in separate bins"},
     {"Archaeology", "History"},
     "Archaeologists have uncovered grain stores that suggest some of the first farmers "
     "planned for bad years by keeping a full year's supply in reserve."},
    {kScience, "Lake ice is forming later each winter, records show",
     "Two centuries of observations show freeze dates moving two weeks later.",
     "HELSINKI",
     {"Records go back to 1820", "Ice now forms about two weeks later",
      "Thaw comes ten days earlier"},
     {"Climate", "Lakes"},
     "Lakes in the north are freezing about two weeks later than they did two centuries "
     "ago, according to records kept by generations of local observers."},
    {kScience, "Volunteer birdwatchers help map migration shifts",
     "A decade of records submitted by the public shows some species arriving a week "
     "earlier.", "EDINBURGH",
     {"Two million sightings analysed", "Swallows arrive about a week earlier",
      "Volunteers can add records through a free app"},
     {"Birds", "Citizen science"},
     "A decade of sightings sent in by volunteers shows that several migrating species are "
     "now arriving about a week earlier in spring."},
    {kScience, "Researchers grow stronger concrete with recycled glass",
     "Replacing some sand with crushed bottles made samples tougher in freeze tests.",
     "MELBOURNE",
     {"Up to a fifth of the sand replaced", "Samples survived more freeze-thaw cycles",
      "Field trials begin on footpaths next year"},
     {"Materials", "Recycling"},
     "Concrete made with crushed glass in place of some of its sand proved more durable in "
     "laboratory tests, engineers reported."},

    // Technology
    {kTechnology, "City opens its transport data to app developers",
     "Live bus, tram and bike-share data is now free to use under an open licence.",
     "BERLIN",
     {"Live data updated every ten seconds", "Free to use under an open licence",
      "Accessibility information included for every stop"},
     {"Open data", "Transport"},
     "Anyone can now build an app using live data on the city's buses, trams and shared "
     "bikes, after the transport authority released it under an open licence."},
    {kTechnology, "Hospitals adopt shared system for booking scans",
     "A single booking system should cut waiting times by matching patients to free "
     "scanners.", "LEEDS",
     {"Twelve hospitals joined the first phase", "Patients can choose a nearer site",
      "Waiting times expected to fall by a fifth"},
     {"Health", "Public services"},
     "Twelve hospitals now share one system for booking scans, letting patients take a "
     "free slot at a nearby site instead of waiting for their own."},
    {kTechnology, "Repair cafés get help from a parts-sharing website",
     "Volunteers can now find spare parts for old appliances through a shared catalogue.",
     "AMSTERDAM",
     {"Ten thousand parts listed", "Two hundred repair cafés signed up",
      "Manufacturers asked to publish repair manuals"},
     {"Right to repair", "Recycling"},
     "Volunteers who fix broken toasters and lamps at repair cafés now have a shared "
     "catalogue of spare parts to draw on."},
    {kTechnology, "Broadband reaches the last villages in the valley",
     "A community-built fibre network connects farms that were told they were too remote.",
     "BRECON",
     {"Three hundred homes connected", "Residents dug trenches themselves",
      "Speeds up to one gigabit"},
     {"Broadband", "Rural life"},
     "The last farms and cottages in the valley are online after residents helped dig the "
     "trenches for their own fibre network."},
    {kTechnology, "Schools pilot lessons on spotting manipulated images",
     "Teenagers learn to check where a picture came from before sharing it.",
     "DUBLIN",
     {"Forty schools take part", "Lessons built with newsroom photo editors",
      "Results will shape the national curriculum"},
     {"Education", "Media literacy"},
     "Pupils in forty schools are learning how to tell whether a photo has been altered, "
     "in lessons designed with newsroom picture editors."},
    {kTechnology, "Data centre heat will warm a new housing estate",
     "Waste heat from servers will be piped to a thousand homes.",
     "STOCKHOLM",
     {"A thousand homes heated", "Carbon savings equal to 2,000 cars",
      "Residents' bills fixed for five years"},
     {"Energy", "Cities"},
     "Heat from a nearby data centre will warm a thousand new homes through a network of "
     "insulated pipes."},
    {kTechnology, "Libraries lend out laptops to close the digital gap",
     "A scheme lets anyone with a library card borrow a laptop for three weeks.",
     "SHEFFIELD",
     {"Five hundred laptops available", "Free help sessions every Saturday",
      "Demand highest among job seekers"},
     {"Libraries", "Public services"},
     "Library members can now borrow a laptop as easily as a book, under a scheme "
     "launched in the city's branches this week."},
    {kTechnology, "Smart meters to show households their cleanest hours",
     "A software update will tell customers when the grid is running on renewables.",
     "LONDON",
     {"Update rolls out over three months", "Shows a daily clean-power forecast",
      "Optional alerts for running appliances"},
     {"Energy", "Consumers"},
     "Millions of smart meters will soon show households the hours when the grid is "
     "cleanest, encouraging them to run appliances then."},
    {kTechnology, "Open-source tool helps councils answer records requests",
     "The tool finds and redacts documents, cutting response times for the public.",
     "UTRECHT",
     {"Used by thirty councils", "Average response time halved",
      "Code published for anyone to reuse"},
     {"Open source", "Transparency"},
     "A free tool written by council staff is helping local authorities answer requests "
     "for public records in half the time."},

    // Culture
    {kCulture, "Forgotten composer's opera staged for the first time",
     "A score found in a library archive reaches the stage 150 years after it was "
     "written.", "VIENNA",
     {"The score was found in 2019", "Six performances, all sold out",
      "A recording is planned for next year"},
     {"Opera", "Music"},
     "An opera written 150 years ago and never performed opened this week, after its score "
     "was rediscovered in a library archive."},
    {kCulture, "Town's printing museum reopens with working presses",
     "Visitors can set type and print their own posters on restored machines.",
     "MAINZ",
     {"Four presses restored to working order", "Weekend workshops for families",
      "Entry free for under-16s"},
     {"Museums", "Printing"},
     "The printing museum has reopened after a two-year refit, and its old presses are "
     "working again."},
    {kCulture, "Debut novel about a lighthouse keeper wins first-book prize",
     "Judges praised its quiet, precise prose and its portrait of a changing coast.",
     "EDINBURGH",
     {"The prize is worth 10,000", "The author wrote it over seven winters",
      "Translations in five languages are planned"},
     {"Books", "Prizes"},
     "A novel about the last keeper of a remote lighthouse has won this year's prize for a "
     "first book."},
    {kCulture, "Street choir festival fills the old town's squares",
     "Forty amateur choirs sang across the city in a free weekend festival.",
     "TALLINN",
     {"Forty choirs, two thousand singers", "Every performance free and outdoors",
      "A closing concert drew ten thousand people"},
     {"Music", "Festivals"},
     "Forty amateur choirs sang in the squares and courtyards of the old town over the "
     "weekend in a festival that drew thousands of listeners."},
    {kCulture, "Film about a fishing family wins audience award",
     "A small-budget drama shot with local actors took the festival's public vote.",
     "SAN SEBASTIÁN",
     {"Shot in 24 days on a tiny budget", "Most of the cast are non-professionals",
      "Cinema release set for the spring"},
     {"Film", "Festivals"},
     "A drama about three generations of a fishing family won the audience award at the "
     "film festival on Saturday."},
    {kCulture, "Textile exhibition traces a century of work clothes",
     "Overalls, aprons and uniforms tell the story of how people worked.",
     "MANCHESTER",
     {"Three hundred garments on show", "Many donated by workers' families",
      "Runs until the end of March"},
     {"Exhibitions", "History"},
     "An exhibition of work clothes, from miners' jackets to nurses' aprons, opened at the "
     "city's textile museum this week."},
    {kCulture, "Poetry on buses returns after a public vote",
     "Short poems chosen by passengers will appear on two thousand buses.",
     "GLASGOW",
     {"Twenty poems chosen from 5,000 entries", "Posters on two thousand buses",
      "Entries came from writers aged eight to 94"},
     {"Poetry", "Public art"},
     "Poems chosen by passengers will be posted on buses across the city again from next "
     "month."},
    {kCulture, "Village hall cinema celebrates its fiftieth year",
     "Volunteers have shown a film every Friday since the hall's projector arrived.",
     "HAY-ON-WYE",
     {"Fifty years of Friday films", "Run entirely by volunteers",
      "The anniversary screening sold out in an hour"},
     {"Film", "Community"},
     "For fifty years, volunteers in the village have shown a film in the hall every "
     "Friday night. This week they celebrated with the film that opened it."},
    {kCulture, "Architecture prize goes to a school built from timber",
     "Judges praised the design's natural light and low carbon footprint.",
     "OSLO",
     {"Built almost entirely of wood", "Classrooms face north for even light",
      "Pupils helped plan the playground"},
     {"Architecture", "Prizes"},
     "A primary school built almost entirely of timber has won this year's national "
     "architecture prize."},

    // Sport
    {kSport, "Underdogs reach the cup final after penalty shootout",
     "The second-tier side held their nerve to beat last year's champions.",
     "LIVERPOOL",
     {"The match finished 1-1 after extra time", "Their goalkeeper saved two penalties",
      "The final is in three weeks"},
     {"Football", "Cup"},
     "A team from the second tier is in the cup final after beating the holders on "
     "penalties in front of a sold-out crowd."},
    {kSport, "Marathon sets record for number of finishers",
     "More than forty thousand runners completed the course in warm conditions.",
     "BERLIN",
     {"41,200 finishers", "Extra water stations added for the heat",
      "Charity runners raised record sums"},
     {"Athletics", "Marathon"},
     "More runners than ever before crossed the finish line on Sunday, despite warm "
     "weather that forced organisers to add water stations."},
    {kSport, "Women's rugby league draws record crowds",
     "Attendance has doubled in two seasons as clubs invest in facilities.",
     "BRISTOL",
     {"Average crowd up to 4,500", "Every club now has full-time coaches",
      "Television coverage extended"},
     {"Rugby", "Women's sport"},
     "Crowds at women's rugby matches have doubled in two seasons, and clubs say the "
     "growth shows no sign of slowing."},
    {kSport, "Cycling club opens track for young riders",
     "A new outdoor velodrome gives children free coaching every weekend.",
     "GLASGOW",
     {"Free coaching for under-16s", "Bikes and helmets provided",
      "Three hundred children signed up in the first week"},
     {"Cycling", "Young people"},
     "Children can learn track cycling for free at a new outdoor velodrome opened by a "
     "local club."},
    {kSport, "Chess prodigy, 13, earns grandmaster title",
     "The teenager secured the final norm at an international tournament.",
     "CHENNAI",
     {"The youngest grandmaster in the country this year", "Started playing at five",
      "Next target: the national championship"},
     {"Chess"},
     "A 13-year-old has become a chess grandmaster, securing the final result she needed "
     "at an international tournament this week."},
    {kSport, "Swimming pools reopen after energy-saving refit",
     "Heat pumps and pool covers have halved running costs at three public pools.",
     "NOTTINGHAM",
     {"Three pools reopened", "Energy use cut by half",
      "Early-morning sessions restored"},
     {"Swimming", "Energy"},
     "Three public pools have reopened after a refit that halved their energy bills and "
     "saved them from closure."},
    {kSport, "Cricket club's volunteers rebuild flooded pavilion",
     "Members spent the winter restoring the ground in time for the new season.",
     "WORCESTER",
     {"Flood water reached a metre inside", "Two hundred volunteers helped",
      "The first match is on Saturday"},
     {"Cricket", "Community"},
     "Volunteers at the cricket club have rebuilt their pavilion after the river flooded "
     "it during the winter."},
    {kSport, "Paralympic hopefuls train at new inclusive centre",
     "The centre offers adapted equipment and coaching across twelve sports.",
     "LOUGHBOROUGH",
     {"Twelve sports under one roof", "Open to community groups in the evenings",
      "Forty athletes in the talent programme"},
     {"Paralympics", "Facilities"},
     "Athletes hoping to compete at the next Paralympics have a new place to train, in a "
     "centre designed from the start for adapted sport."},
    {kSport, "Rowing crews race on restored river course",
     "Dredging and new moorings have brought regattas back to the town.",
     "HENLEY",
     {"First regatta on the course in five years", "Ninety crews entered",
      "The river was dredged last summer"},
     {"Rowing"},
     "Rowing crews raced on the town's river course for the first time in five years after "
     "work to clear silt and rebuild the moorings."},
};

}  // namespace

std::span<const SectionText> Sections() { return kSections; }
std::span<const ReporterText> Reporters() { return kReporters; }

std::span<const StoryText> Stories() {
  // Newest first, sections taking turns, so every list looks like a day's
  // news rather than one desk's.
  static const std::vector<StoryText> kInterleaved = [] {
    std::vector<std::vector<const StoryText*>> by_section(kSections.size());
    for (const auto& story : kStories) {
      by_section[static_cast<std::size_t>(story.section)].push_back(&story);
    }
    std::vector<StoryText> ordered;
    for (std::size_t round = 0; ordered.size() < kStories.size(); ++round) {
      for (const auto& section : by_section) {
        if (round < section.size()) ordered.push_back(*section[round]);
      }
    }
    return ordered;
  }();
  return kInterleaved;
}

}  // namespace lede::demo
