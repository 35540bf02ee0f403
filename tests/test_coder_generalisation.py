"""Golden tests for patterns of wire copy the coder learnt to generalise to (see docs/coder.md).

Each case names one general pattern (an actor class, a construction, a blocking rule) with a
sentence of the project's own and the exact (source, target, CAMEO code) set it must give;
an empty set means "no event". None of the sentences is taken from a gold file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyadwatch.coding import Document, code_documents
from dyadwatch.coding.actors import ActorDictionary, DocumentContext, actor_dictionary
from dyadwatch.coding.dictionaries import file_kind, load_dictionaries
from dyadwatch.coding.prefilter import split_sentences
from dyadwatch.errors import InputError

CASES: list[tuple[str, str, str, set[tuple[str, str, str]]]] = [
    # (pattern, text, document date, expected events)
    ('company', 'Samsung Electronics signed a supply contract with Tesla on Monday.', '2025-07-28',
     {('KOR', 'USA', '057'), ('USA', 'KOR', '057')}),
    ('court order to a firm', 'A South Korean court ordered Mitsubishi Heavy Industries to compensate former workers.', '2018-10-30',
     {('KOR', 'JPN', '116')}),
    ('state media', 'KCNA accused the United States of rehearsing an invasion of the North.', '2024-03-26',
     {('PRK', 'USA', '1123')}),
    ('news agency reports', 'Yonhap reported that North Korea fired a ballistic missile over Japan.', '2022-10-04',
     {('PRK', 'JPN', '150')}),
    ('agency', 'The Pentagon said a Chinese fighter jet intercepted a U.S. surveillance plane over the South China Sea.', '2023-05-30',
     {('CHN', 'USA', '150')}),
    ('abbreviations', 'S. Korea and N. Korea held talks at the border on Tuesday.', '2018-01-09',
     {('KOR', 'PRK', '046'), ('PRK', 'KOR', '046')}),
    ('the two Koreas', 'The two Koreas agreed on Friday to hold military talks.', '2018-04-28',
     {('PRK', 'KOR', '036'), ('KOR', 'PRK', '036')}),
    ('dateline', 'SEOUL, Nov. 26 (Yonhap) -- Japan and China held talks in Busan on Sunday.', '2023-11-26',
     {('JPN', 'CHN', '046'), ('CHN', 'JPN', '046')}),
    ('head of state by family name', 'Putin and Kim signed a mutual defence treaty on Wednesday.', '2024-06-19',
     {('RUS', 'PRK', '057'), ('PRK', 'RUS', '057')}),
    ('leader of a newly covered country', 'Erdogan hosted Mitsotakis in Ankara on Monday.', '2024-05-13',
     {('TUR', 'GRC', '043'), ('GRC', 'TUR', '042')}),
    ('reversed light verb', "North Korea's nuclear test drew condemnation from Japan and South Korea.", '2016-01-06',
     {('KOR', 'PRK', '111'), ('JPN', 'PRK', '111')}),
    ('reaction in apposition', 'Japan removed South Korea from its list of trusted trading partners on Friday, a move Seoul called a grave provocation.', '2019-08-02',
     {('JPN', 'KOR', '163'), ('KOR', 'JPN', '111')}),
    ('of-phrase as patient', 'Russia launched a full-scale invasion of Ukraine on Thursday.', '2022-02-24',
     {('RUS', 'UKR', '190')}),
    ('hyphenated broker', 'Armenia and Azerbaijan signed a U.S.-brokered peace agreement on Friday.', '2025-08-08',
     {('USA', 'ARM', '045'), ('AZE', 'ARM', '057'), ('USA', 'AZE', '045'), ('ARM', 'AZE', '057')}),
    ('causative reaction', 'A Chinese surveillance plane entered Japanese airspace on Monday, prompting Japan to scramble fighter jets.', '2024-08-26',
     {('CHN', 'JPN', '150'), ('JPN', 'CHN', '150')}),
    ('responded by', 'Canada expelled a Chinese diplomat on Monday, and Beijing responded by expelling a Canadian consul.', '2023-05-08',
     {('CHN', 'CAN', '161'), ('CAN', 'CHN', '161')}),
    ('relative clause subject', 'North Korea released three Americans to Mike Pompeo, who flew to Pyongyang on Wednesday.', '2018-05-10',
     {('PRK', 'USA', '043'), ('USA', 'PRK', '042'), ('PRK', 'USA', '0841')}),
    ('denial of an account', "Japan rejected Seoul's account of the radar incident.", '2019-01-04',
     {('JPN', 'KOR', '016')}),
    ('declined to comment', 'The Kremlin declined to comment on reports that Kim Jong Un would visit Russia.', '2023-09-05',
     set()),
    ('counterfactual', 'China vetoed a U.S.-drafted resolution that would have tightened sanctions on North Korea.', '2022-05-26',
     {('CHN', 'USA', '129')}),
    ('possible meeting', 'A possible meeting between Xi and Lee remains unscheduled.', '2025-10-10',
     set()),
    ('habit', 'North Korea regularly denounces the drills as rehearsals for invasion.', '2024-03-05',
     set()),
    ('history since', 'India and Pakistan have fought three wars since independence in 1947.', '2025-05-08',
     set()),
    ('pundits', 'Experts say China may impose sanctions on Japan.', '2023-12-18',
     set()),
    ('modal on the governing verb', 'China may be preparing to impose new sanctions on Japan.', '2023-12-18',
     set()),
    ('separate deals', 'Russia and Ukraine signed separate deals with Turkey on Friday.', '2022-07-22',
     {('RUS', 'TUR', '057'), ('TUR', 'RUS', '057'), ('TUR', 'UKR', '057'), ('UKR', 'TUR', '057')}),
    ('announced ceasefire', 'Trump announced a ceasefire between Israel and Iran.', '2025-06-24',
     {('ISR', 'IRN', '0871'), ('IRN', 'ISR', '0871')}),
    ('agreed ceasefire', 'India and Pakistan agreed to an immediate ceasefire on Saturday.', '2025-05-10',
     {('PAK', 'IND', '0871'), ('IND', 'PAK', '0871')}),
    ('order to close a consulate', 'The United States ordered China to close its consulate in Houston.', '2020-07-22',
     {('USA', 'CHN', '161')}),
    ('order to leave', 'Niger ordered the French ambassador to leave the country.', '2023-08-27',
     {('NER', 'FRA', '161')}),
    ('troops sent to an ally', "North Korean troops have been deployed to Russia's Kursk region.", '2024-11-01',
     {('PRK', 'RUS', '072')}),
    ('a person landing', 'Nancy Pelosi, the speaker of the U.S. House of Representatives, landed in Taipei on Tuesday.', '2022-08-02',
     {('USA', 'TWN', '042'), ('TWN', 'USA', '043')}),
    ('projectile maker', 'Ukraine fired British cruise missiles at Russia on Wednesday.', '2024-11-20',
     {('UKR', 'RUS', '195')}),
    ('particle after the object', 'The European Union agreed to cut Russian banks off from the SWIFT system.', '2022-02-26',
     {('EEC', 'RUS', '163')}),
    ('stopped allowing', 'Iran stopped allowing snap inspections by the IAEA on Tuesday.', '2021-02-23',
     {('IRN', 'IAE', '1245')}),
    ('topic, not partner', 'Japan and South Korea agreed to share intelligence on North Korea.', '2016-11-23',
     {('JPN', 'KOR', '0314'), ('KOR', 'JPN', '0314')}),
    ('conditional order', 'Kim Jong Un ordered his military to annihilate South Korea if it invaded.', '2024-10-14',
     {('PRK', 'KOR', '1384')}),
    ('named before', 'North Korea tried to launch a spy satellite on Monday. Kishida and Yoon condemned the launch.', '2024-05-28',
     {('KOR', 'PRK', '111'), ('JPN', 'PRK', '111')}),
    ('return to a list', 'Japan returned South Korea to its list of trusted trading partners.', '2023-06-27',
     {('JPN', 'KOR', '085')}),
    ('first leader to meet', 'Abe became the first foreign leader to meet Trump.', '2016-11-17',
     {('USA', 'JPN', '040'), ('JPN', 'USA', '040')}),
    ('renaming apposition', 'The carrier USS Carl Vinson anchored off Da Nang on Monday, the first visit by a U.S. carrier to Vietnam since 1975.', '2018-03-05',
     {('USA', 'VNM', '042'), ('VNM', 'USA', '043')}),
    ('since with first', 'The leaders of China, Japan and South Korea held their first trilateral summit since 2019 in Seoul.', '2024-05-27',
     {('JPN', 'KOR', '040'), ('CHN', 'JPN', '040'), ('CHN', 'KOR', '040'), ('KOR', 'JPN', '040'), ('JPN', 'CHN', '040'), ('KOR', 'CHN', '040')}),
    # 1.4.0: constructions for recall (docs/coder.md, "Changes in 1.4.0")
    ('ultimatum with a span of time', 'The United States gave Iran 48 hours to release the seized tanker.', '2024-05-07',
     {('USA', 'IRN', '139')}),
    ('ultimatum until', 'Britain gave Moscow until Tuesday night to explain how the nerve agent was used.', '2018-03-12',
     {('GBR', 'RUS', '139')}),
    ('no ultimatum to no one', 'Venezuela gave its diplomats 72 hours to leave Bogota.', '2019-02-23',
     set()),
    ('walked out of talks with', 'Iran walked out of the nuclear talks with the European Union on Friday.', '2024-05-07',
     {('IRN', 'EEC', '164')}),
    ('pulled out of talks with', 'Moscow said it was pulling out of fishing talks with Tokyo.', '2024-05-07',
     {('RUS', 'JPN', '164')}),
    ('expelled from a country', 'Two Russian diplomats were expelled from Poland on Tuesday.', '2024-05-07',
     {('POL', 'RUS', '161')}),
    ('mass expulsion from a country', 'Thousands of Haitians were deported from the Dominican Republic on Tuesday.', '2024-05-07',
     {('DOM', 'HTI', '201')}),
    ('hosted talks between', 'Qatar hosted talks between the United States and Iran on Sunday.', '2024-05-07',
     {('QAT', 'IRN', '045'), ('QAT', 'USA', '045'), ('USA', 'IRN', '046'), ('IRN', 'USA', '046')}),
    ('hosted two guests for talks', 'Erdogan hosted Putin and Zelenskiy for talks in Istanbul.', '2024-05-07',
     {('TUR', 'RUS', '045'), ('TUR', 'UKR', '045')}),
    ('talks hosted by', 'Armenia and Azerbaijan agreed to a ceasefire at talks in Abu Dhabi hosted by the United Arab Emirates.', '2024-05-07',
     {('ARE', 'ARM', '045'), ('ARE', 'AZE', '045'), ('ARM', 'AZE', '0871'), ('AZE', 'ARM', '0871')}),
    ('participle in apposition', 'Biden and Kishida, meeting at the White House, agreed to upgrade their alliance.', '2024-04-10',
     {('JPN', 'USA', '030'), ('JPN', 'USA', '040'), ('USA', 'JPN', '030'), ('USA', 'JPN', '040')}),
    ('participle parsed as subject', 'Xi and Putin, meeting in Moscow on Tuesday, pledged to deepen their partnership.', '2023-03-21',
     {('CHN', 'RUS', '040'), ('RUS', 'CHN', '040')}),
    ('protesters in a capital', 'Hundreds of protesters in Manila rallied against China on Sunday.', '2024-05-07',
     {('PHL', 'CHN', '141')}),
    ('round of talks ended without agreement', 'Cairo said the latest round of talks with Addis Ababa had ended without agreement.', '2024-05-07',
     {('EGY', 'ETH', '164'), ('ETH', 'EGY', '164')}),
    ('deal reached with, speaker a party', 'Trump says trade deal reached with Indonesia', '2025-07-15',
     {('IDN', 'USA', '057'), ('USA', 'IDN', '057')}),
    ('attacker named in an adjunct', 'Two Iranian commanders were killed in an Israeli strike on Damascus.', '2024-05-07',
     {('ISR', 'SYR', '195')}),
    ('attacker of the intransitive victims', 'Three Syrian soldiers died in a Turkish drone attack.', '2024-05-07',
     {('TUR', 'SYR', '195')}),  # a drone attack is an aerial strike (195) since 1.6.0
    ('parties on the verb', 'Clashes erupted between Thai and Cambodian troops along the border on Thursday.', '2024-05-07',
     {('KHM', 'THA', '190'), ('THA', 'KHM', '190')}),
    ('agreed to observe a ceasefire', 'Russia and Ukraine agreed to respect the ceasefire in the east.', '2024-05-07',
     {('RUS', 'UKR', '0871'), ('UKR', 'RUS', '0871')}),
    ('ceasefire agreement', 'Israel and Lebanon signed a ceasefire agreement on Wednesday.', '2024-05-07',
     {('ISR', 'LBN', '0871'), ('LBN', 'ISR', '0871')}),
    ('venue of a deal', 'Israel and Hamas signed a deal in Cairo.', '2024-05-07',
     set()),
    ('swap intelligence', 'Japan and Australia will swap intelligence on Chinese military activity.', '2024-05-07',
     {('AUS', 'JPN', '0314'), ('JPN', 'AUS', '0314')}),
    ('with-absolute names the participants', 'The three navies began their annual drills on Monday, with Japan, India and Australia sending warships.', '2024-05-07',
     {('AUS', 'IND', '062'), ('AUS', 'JPN', '062'), ('IND', 'AUS', '062'), ('IND', 'JPN', '062'), ('JPN', 'AUS', '062'), ('JPN', 'IND', '062')}),
    ('headline subject owning a sector noun', "China's commerce ministry bans exports of drone parts to the United States", '2024-05-07',
     {('CHN', 'USA', '163')}),
    ('reaction to an act told earlier in the sentence', 'Beijing said it had detained a Canadian businessman, and Ottawa condemned the arrest.', '2024-05-07',
     {('CAN', 'CHN', '111'), ('CHN', 'CAN', '173')}),
    ('followed suit', 'Washington expelled two Russian diplomats on Monday, and London followed suit.', '2024-05-07',
     {('GBR', 'RUS', '161'), ('USA', 'RUS', '161')}),
    ('after talks with', 'After talks with Lula in Brasilia, Macron said the two countries would deepen their partnership.', '2024-03-28',
     {('BRA', 'FRA', '032'), ('BRA', 'FRA', '046'), ('FRA', 'BRA', '032'), ('FRA', 'BRA', '046')}),
    ('during talks with', 'During his talks with Modi, Putin praised India for its independent foreign policy.', '2024-07-09',
     {('IND', 'RUS', '046'), ('RUS', 'IND', '046'), ('RUS', 'IND', '051')}),
    ('sent into a zone', "China sent 30 warplanes into Taiwan's air defence zone on Friday.", '2024-05-07',
     {('CHN', 'TWN', '150')}),
    ('exercise with, speaker a party', 'The joint exercise with Japan began on Monday, the Philippine military said.', '2024-05-07',
     {('JPN', 'PHL', '062'), ('PHL', 'JPN', '062')}),
    ('joined X in an exercise', 'Australia joined India and Japan in a trilateral naval exercise on Monday.', '2024-05-07',
     {('AUS', 'IND', '062'), ('AUS', 'JPN', '062'), ('IND', 'AUS', '062'), ('IND', 'JPN', '062'), ('JPN', 'AUS', '062'), ('JPN', 'IND', '062')}),
    ('joined X in sanctions', 'Canada joined the EU in sanctions against Belarus.', '2024-05-07',
     {('CAN', 'BLR', '163'), ('EEC', 'BLR', '163')}),
    ('joined X in talks, no partner', 'Australia joined Britain in the talks.', '2024-05-07',
     set()),
    ('intelligence sharing', 'Tokyo and Seoul resumed intelligence sharing on Monday.', '2024-05-07',
     {('JPN', 'KOR', '064'), ('KOR', 'JPN', '064')}),
    ('protesters against their own government', 'Protesters in Seoul rallied against the government.', '2024-05-07',
     set()),
    ('expelled from a meeting', 'The ambassador was expelled from the meeting.', '2024-05-07',
     set()),
    ('clash with: the side of the dead', 'Two Indian soldiers were killed in a clash with Chinese troops on the border.', '2024-05-07',
     {('CHN', 'IND', '190'), ('IND', 'CHN', '190')}),
    ('died after clashes with', 'Three Thai soldiers died after clashes with Cambodian forces.', '2024-05-07',
     {('KHM', 'THA', '190'), ('THA', 'KHM', '190')}),
    ('compass direction of a country', 'Chinese bombers flew over the Pacific east of Taiwan on Tuesday.', '2024-05-07',
     {('CHN', 'TWN', '150')}),
    ('or face: an ultimatum', 'Washington told Moscow to withdraw its troops within a week or face sanctions.', '2024-05-07',
     {('USA', 'RUS', '139')}),
    ('demand or face', 'The EU demanded that Belarus release the detainees or face new sanctions.', '2024-05-07',
     {('EEC', 'BLR', '139')}),
    ('participle phrase of a sanction noun', 'The sanctions imposed by Washington on Moscow took effect on Friday.', '2024-05-07',
     {('USA', 'RUS', '163')}),
    ('stern representations', 'The Chinese foreign ministry lodged stern representations with Tokyo.', '2024-05-07',
     {('CHN', 'JPN', '114')}),
    ('reason owned, its topic no target', "Beijing lodged a protest with Manila over Marcos's remarks on Taiwan.", '2024-05-07',
     {('CHN', 'PHL', '114')}),
    ('halted purchases', 'Beijing halted purchases of Australian coal.', '2024-05-07',
     {('CHN', 'AUS', '163')}),
    ('a reason ranks below the target', 'Beijing lashed out at Washington over the arms sale to Taiwan.', '2024-05-07',
     {('CHN', 'USA', '111')}),
    # 1.5.0
    ('call off: no judgement', 'Biden said he had called off planned strikes on Iranian radar sites.', '2024-05-07', set()),
    ('branded in a relative clause: the antecedent is judged',
     'Tokyo urged Seoul to honour the 2015 accord, a deal the South Korean president has branded flawed.', '2024-05-07',
     {('JPN', 'KOR', '020')}),
    ('commit genocide inside speech: an accusation', 'Canada declared on Monday that Myanmar was committing genocide against the Rohingya.',
     '2024-05-07', {('CAN', 'MMR', '112')}),
    ('a charge X denied', 'India accused Pakistan of sheltering the attackers on Sunday, a charge Islamabad denied.', '2024-05-07',
     {('IND', 'PAK', '112'), ('PAK', 'IND', '016')}),
    ('an allegation X rejected', 'Moscow accused Kyiv of shelling the plant, an allegation Ukraine rejected.', '2024-05-07',
     {('RUS', 'UKR', '112'), ('UKR', 'RUS', '016')}),
    ('rallied to condemn: a demonstration', 'Thousands of Lithuanians rallied in Vilnius on Saturday to condemn Belarus over the border crisis.',
     '2024-05-07', {('LTU', 'BLR', '141')}),
    ('after talks: the coordinated subjects talked',
     'After three days of talks in Oslo, Colombia and Venezuela announced they would reopen their border.', '2024-05-07',
     {('COL', 'VEN', '046'), ('VEN', 'COL', '046')}),
    ('during talks: the recipient is the other party',
     'The Indonesian foreign minister handed Wang Yi a letter from Widodo during talks in Jakarta on Friday.', '2023-05-07',
     {('CHN', 'IDN', '046'), ('IDN', 'CHN', '046')}),
    ('arrest on a warrant from X: X is not arrested', 'Brazilian police arrested a former minister on Tuesday on a warrant from Interpol.',
     '2024-05-07', set()),
    ('regret addressed to the wronged party', 'The Indian prime minister expressed his regret to Sheikh Hasina over the border shooting.',
     '2023-05-07', {('IND', 'BGD', '055')}),
    ('aircraft flew into its zone', 'Taiwan scrambled jets on Monday after Chinese bombers flew into its air defence zone.', '2024-05-07',
     {('CHN', 'TWN', '150'), ('TWN', 'CHN', '150')}),
    ('renaming noun the parser left as dep', 'A French frigate docked at Cam Ranh on Monday, only the third visit by a French warship to Vietnam.',
     '2024-05-07', {('FRA', 'VNM', '042'), ('VNM', 'FRA', '043')}),
    ('traded fire', 'Thai and Cambodian troops traded artillery fire along the border on Thursday.', '2024-05-07',
     {('KHM', 'THA', '190'), ('THA', 'KHM', '190')}),
    ('prisoners swapped by X and Y', 'Dozens of prisoners of war were swapped by Armenia and Azerbaijan on Wednesday.', '2024-05-07',
     {('ARM', 'AZE', '0841'), ('AZE', 'ARM', '0841')}),
    ('missiles splashed down', "Two missiles launched by North Korea splashed down inside Japan's exclusive economic zone.", '2024-05-07',
     {('PRK', 'JPN', '150')}),
    ('shoppers are civilians', 'Chinese shoppers boycotted Japanese cosmetics after the dispute.', '2024-05-07', {('CHN', 'JPN', '143')}),
    ('regional demonym', 'Thousands of Okinawans rallied against the U.S. military base on Sunday.', '2024-05-07', {('JPN', 'USA', '141')}),
    ('the pope', 'Pope Francis urged Russia on Sunday to stop the bombing of Ukrainian cities.', '2023-05-07', {('VAT', 'RUS', '0256')}),
    ('scaled back military activity', "Russia scaled back military activity near Ukraine's border on Friday.", '2024-05-07',
     {('RUS', 'UKR', '087')}),
    ('pull personnel out', 'Manila demanded that Beijing pull its personnel out of the reef.', '2024-05-07', {('PHL', 'CHN', '106')}),
    ('joint transit', 'Chinese and Russian warships conducted a joint transit through the Soya Strait on Tuesday.', '2024-05-07',
     {('CHN', 'RUS', '062'), ('RUS', 'CHN', '062')}),
    # 1.6.0: threats, assaults, retreats and agreements in ordinary wire phrasing
    ('vowed punishment', 'Pyongyang vowed merciless punishment for Seoul over the leaflet launches.', '2024-06-03',
     {('PRK', 'KOR', '130')}),
    ('not rule out force', 'Ankara said it would not rule out military action against Greece over the islands.', '2022-09-05',
     {('TUR', 'GRC', '138')}),
    ('not rule out a cooperative option', 'Berlin said it would not rule out sending tanks to Poland.', '2023-01-20',
     set()),
    ('would pay a price', 'Erdogan said Greece would pay a heavy price if it armed the islands.', '2022-09-05',
     {('TUR', 'GRC', '130')}),
    ('would face attacks', 'Putin said Finland would face attacks if it hosted American bases.', '2024-05-20',
     {('RUS', 'FIN', '138')}),
    ('conditional measure', 'Beijing said it would impose tariffs on Australian wine if Canberra kept up its inquiry.', '2020-05-19',
     {('CHN', 'AUS', '1312')}),
    ('warning as a nominal event', "Moscow's warning that it would target Polish air defences came on Friday.", '2024-09-13',
     {('RUS', 'POL', '130')}),
    ('opened fire', 'Indian troops opened fire on Pakistani posts along the frontier on Monday.', '2025-05-05',
     {('IND', 'PAK', '190')}),
    ('opened fire with small arms', 'Greek border guards opened fire with rifles on a Turkish patrol boat on Monday.', '2024-03-04',
     {('GRC', 'TUR', '193')}),
    ('drone attack as subject', 'A Ukrainian drone attack on a Russian oil terminal sparked a fire on Sunday.', '2025-06-01',
     {('UKR', 'RUS', '195')}),
    ('retaliation dated earlier this month', 'Pakistan struck targets in Afghanistan on Saturday in retaliation for the border attack earlier this month.', '2025-10-11',
     {('PAK', 'AFG', '195')}),
    ('weapons arrived', 'The first Swedish Gripen jets arrived in Hungary on Tuesday.', '2024-03-05',
     {('SWE', 'HUN', '072')}),
    ('weapons delivered from', 'Howitzers from France were delivered to Armenia on Wednesday.', '2024-06-19',
     {('FRA', 'ARM', '072')}),
    ('tourists are no state visit', 'Chinese tourists visited Thailand in record numbers in March.', '2024-04-10',
     set()),
    ('broker of a deal in a prepositional phrase', 'Thailand and Cambodia agreed on Monday to an immediate ceasefire under a deal brokered by Malaysia.', '2025-07-28',
     {('THA', 'KHM', '0871'), ('KHM', 'THA', '0871'), ('MYS', 'THA', '045'), ('MYS', 'KHM', '045')}),
    ('mediated exchange', 'Armenia and Azerbaijan swapped prisoners on Wednesday in an exchange mediated by Qatar.', '2023-12-13',
     {('ARM', 'AZE', '0841'), ('AZE', 'ARM', '0841'), ('QAT', 'ARM', '045'), ('QAT', 'AZE', '045')}),
    ('cut back activity', 'Russia said it would cut back military activity near the Estonian border.', '2022-04-04',
     {('RUS', 'EST', '0356')}),
    ('disengagement', 'Kyrgyzstan and Tajikistan completed the disengagement of their troops on Thursday.', '2022-09-22',
     {('KGZ', 'TJK', '0874'), ('TJK', 'KGZ', '0874')}),
    ('ceasefire held', 'The ceasefire between Thailand and Cambodia held on Tuesday.', '2025-07-29',
     {('THA', 'KHM', '0871'), ('KHM', 'THA', '0871')}),
    ('since-clause anchor', 'French and Indian warships sailed together on Monday, the first time since the two countries renewed their defence pact.', '2024-01-22',
     set()),
    ('extradition to a third state', 'Spain extradited a Russian businessman to the United States on Friday.', '2024-02-09',
     {('ESP', 'USA', '063')}),
    ('sea name is no actor', 'Iranian commandos seized a Panamanian tanker in the Gulf of Oman on Thursday.', '2023-05-04',
     {('IRN', 'PAN', '171')}),
    ('consequence is no aid', 'Russia fired missiles at Kyiv overnight, sending residents into metro stations.', '2024-07-08',
     {('RUS', 'UKR', '195')}),
    # 1.7.0: a third country named as the topic, reason or description of a mutual act is no party
    ('topic of talks is no party', "Greece and Cyprus held talks on Turkey's drilling plans in Nicosia on Thursday.", '2024-03-14',
     {('CYP', 'GRC', '046'), ('GRC', 'CYP', '046')}),
    ('topic of a deal is no party', 'Hungary and Slovakia reached a deal on Russian oil transit on Tuesday.', '2024-07-23',
     {('HUN', 'SVK', '057'), ('SVK', 'HUN', '057')}),
    ('regarding-phrase topic', "Chile and Peru held talks regarding Bolivia's access to the sea on Friday.", '2023-06-09',
     {('CHL', 'PER', '046'), ('PER', 'CHL', '046')}),
    ('topic of talks with a partner', "Vietnam held talks with the Philippines on China's coast guard law on Monday.", '2021-02-08',
     {('PHL', 'VNM', '046'), ('VNM', 'PHL', '046')}),
    ('topic after a between-phrase', "The meeting between Poland and Lithuania on Belarus's border fence took place in Vilnius.", '2023-08-01',
     {('LTU', 'POL', '040'), ('POL', 'LTU', '040')}),
    ('topic inside a partner phrase', "Japan's defence minister held phone talks with his Australian counterpart on North Korea's missile launch.", '2023-04-13',
     {('AUS', 'JPN', '041'), ('JPN', 'AUS', '041')}),
    ('reason phrase of a pact', "Australia and the Philippines signed a defence pact on Friday in response to China's naval build-up.", '2024-02-23',
     {('AUS', 'PHL', '057'), ('PHL', 'AUS', '057')}),
    ('against-phrase of cooperation', "Lithuania cooperated with Latvia against Russia's cyber attacks.", '2022-06-27',
     {('LTU', 'LVA', '060'), ('LVA', 'LTU', '060')}),
    ('apposition mentioning a third country', 'Norway and Denmark, both neighbours of Sweden, held talks in Oslo on Monday.', '2023-05-15',
     {('DNK', 'NOR', '046'), ('NOR', 'DNK', '046')}),
    ('possessive apposition', "Japan and the Philippines, America's closest allies in Asia, signed a troop pact on Monday.", '2024-07-08',
     {('JPN', 'PHL', '057'), ('PHL', 'JPN', '057')}),
    ('owner of a condemned act', "Canada condemned Iran's seizure of a Greek tanker on Friday.", '2022-05-27',
     {('CAN', 'IRN', '111')}),
    ('owner of an act in a prepositional phrase', "Estonia protested against Russia's detention of a Latvian citizen.", '2023-10-10',
     {('EST', 'RUS', '114')}),
    ('trilateral talks stay trilateral', 'The foreign ministers of Egypt, Jordan and Iraq held talks in Baghdad on Sunday.', '2021-06-27',
     {('EGY', 'IRQ', '046'), ('EGY', 'JOR', '046'), ('IRQ', 'EGY', '046'), ('IRQ', 'JOR', '046'), ('JOR', 'EGY', '046'), ('JOR', 'IRQ', '046')}),
    ('with-partner on a trade deal', 'Indonesia held talks on a trade deal with Canada on Monday.', '2023-06-19',
     {('CAN', 'IDN', '046'), ('IDN', 'CAN', '046')}),
    ('region is no country', 'Brazil recalled its ambassadors from Nicaragua and two other Latin American states on Monday.', '2024-08-05',
     {('BRA', 'NIC', '161')}),
    ('venue city of a meeting', 'Serbia and Kosovo met in Brussels on Monday.', '2023-02-27',
     {('SRB', 'XKX', '044'), ('XKX', 'SRB', '044')}),
    ('third party welcomes', 'Serbia and Kosovo agreed to resume their dialogue, a step the European Union welcomed.', '2023-02-27',
     {('EEC', 'SRB', '051'), ('EEC', 'XKX', '051'), ('SRB', 'XKX', '036'), ('XKX', 'SRB', '036')}),
    # 1.8.0: wire phrasings of threats, attacks and climb-downs; fewer pairs from coordination
    ('calling-clause explains the main act', 'Chad expelled two Sudanese diplomats on Monday, calling their conduct hostile.', '2023-04-10',
     {('TCD', 'SDN', '161')}),
    ('saying-clause explains the main act', 'Mali scrapped a defence accord with France on Monday, saying the French presence was illegal.', '2022-05-02',
     {('MLI', 'FRA', '160')}),
    ('no one from a country at the table', 'Chinese and Indian envoys met in Geneva on Monday, with no Pakistani officials present.', '2024-02-12',
     {('CHN', 'IND', '044'), ('IND', 'CHN', '044')}),
    ('helpers are no targets', 'Greek forces shot down the drones with help from France and Italy, Athens said on Friday.', '2024-05-10',
     set()),
    ('a meeting put off', 'A meeting of the Thai and Malaysian defence ministers planned for next week has been postponed.', '2024-03-04',
     set()),
    ('leaders clash in words', 'Macron and Meloni clashed over migration at a summit in Brussels on Thursday.', '2023-06-29',
     {('FRA', 'ITA', '111'), ('ITA', 'FRA', '111')}),
    ('warned that X would face a penalty', 'Turkey warned on Monday that Greece would face "consequences" if it armed its islands.', '2022-06-06',
     {('TUR', 'GRC', '130')}),
    ('should expect a punishment', "Pakistan's army chief said India should expect a swift response.", '2025-05-01',
     {('PAK', 'IND', '130')}),
    ('would pay for it', 'Zelenskyy said Moscow had made a grave mistake and would pay for it.', '2024-04-12',
     {('UKR', 'RUS', '130')}),
    ('returned fire', 'Azerbaijani troops fired at Armenian positions on Sunday, and Armenian soldiers returned fire.', '2023-09-03',
     {('AZE', 'ARM', '190'), ('ARM', 'AZE', '190')}),
    ('people sent back', 'Japan sent five Chinese fishermen back to China on Friday.', '2024-08-30',
     {('JPN', 'CHN', '0841')}),
    ('visa-free entry resumed', 'Russia resumed visa-free entry for Georgian travellers on Monday.', '2024-01-15',
     {('RUS', 'GEO', '081')}),
    ('an easing with its start date', 'Seoul said on Friday it would lift its curbs on Japanese imports from July 1.', '2023-06-16',
     {('KOR', 'JPN', '085')}),
    ('inspectors let back in', 'Syria allowed OPCW inspectors back into the country on Tuesday.', '2025-03-11',
     set()),
    ('particle after the object', 'Washington pulled the United States out of the Paris agreement with France on Tuesday.', '2025-01-21',
     {('USA', 'FRA', '160')}),
    ('villages captured', "Azerbaijani forces captured three villages in Armenia's Syunik region on Tuesday.", '2022-09-13',
     {('AZE', 'ARM', '190')}),
    ('cyberattack', 'Iranian hackers launched a cyberattack on Albania\'s government servers on Friday.', '2022-07-15',
     {('IRN', 'ALB', '180')}),
    ('economic blow is no attack', 'Exports from Vietnam fell in May, hit by American tariffs.', '2025-06-06', set()),
    ('a name explained', 'Ankara left the pact on Friday, citing the Montreux Convention, the treaty with Russia.', '2024-03-01',
     set()),
    ('supplying trade is no aid', 'Norway and Qatar supply most of the gas that Germany imports.', '2024-03-01', set()),
    ('one unnamed alliance member', 'A NATO member scrambled jets on Friday after Russian drones crossed into Romania.', '2024-09-06',
     {('RUS', 'ROU', '150')}),
]


@pytest.mark.parametrize(("pattern", "text", "day", "expected"), CASES, ids=[c[0] for c in CASES])
def test_general_pattern(pattern: str, text: str, day: str, expected: set[tuple[str, str, str]]) -> None:
    got = {(e.source_country, e.target_country, e.cameo_code)
           for e in code_documents([Document("t", text, dt.date.fromisoformat(day))])}
    assert got == expected, pattern


def _found(text: str, day: str = "2024-05-07") -> list[tuple[str, str, str | None]]:
    ctx = DocumentContext(date=dt.date.fromisoformat(day))
    return [(m.text, m.code, m.sector) for m in actor_dictionary().mentions(text, ctx)]


def test_companies_agencies_and_state_media_stand_for_their_country() -> None:
    got = _found("Nippon Steel, Huawei, TSMC, the Pentagon, KCNA and the Revolutionary Guards")
    assert ("Nippon Steel", "JPN", "BUS") in got
    assert ("Huawei", "CHN", "BUS") in got
    assert ("TSMC", "TWN", "BUS") in got
    assert ("Pentagon", "USA", "MIL") in got
    assert ("KCNA", "PRK", "GOV") in got  # state media speak for the state
    assert ("Revolutionary Guards", "IRN", "MIL") in got
    assert ("China Airlines", "TWN", "BUS") in _found("China Airlines")  # the longest match beats "China"


def test_news_outlets_name_no_actor() -> None:
    assert _found("Yonhap, Kyodo, Reuters and the Korea Herald reported it.") == []


def test_abbreviations_and_pairs() -> None:
    assert [c for _, c, _ in _found("S. Korea, N.Korea, the ROK, the DPRK and the PRC")] == ["KOR", "PRK", "KOR", "PRK", "CHN"]
    assert [c for _, c, _ in _found("the two Koreas")] == ["KOR", "PRK"]
    assert [c for _, c, _ in _found("Sino-Japanese ties")] == ["CHN", "JPN"]


def test_family_name_of_the_leader_beats_a_premier_of_the_same_name() -> None:
    assert _found("Putin and Kim met.", "2024-06-19") == [("Putin", "RUS", "GOV"), ("Kim", "PRK", "GOV")]


def test_leaders_of_more_countries_and_organisations() -> None:
    got = _found("Erdogan, Maduro, Lula, Grossi and von der Leyen", "2024-05-13")
    assert [c for _, c, _ in got] == ["TUR", "VEN", "BRA", "IAE", "EEC"]


def test_dateline_is_not_part_of_the_first_sentence() -> None:
    text = "TOKYO, March 16 (Yonhap) -- South Korea and Japan will resume visits. They agreed."
    assert [text[a:b] for a, b in split_sentences(text)] == ["South Korea and Japan will resume visits.", "They agreed."]


def test_user_companies_file(tmp_path: Path) -> None:
    firms = tmp_path / "companies.csv"
    firms.write_text("name,aliases,country,sector,note\nExample Shipyards,ExShip,KOR,BUS,\n", encoding="utf-8")
    assert file_kind(firms) == "companies"
    matcher = ActorDictionary(load_dictionaries((str(firms),)))
    got = [(m.text, m.code, m.sector) for m in matcher.mentions("ExShip sued Toyota.", DocumentContext(date=None))]
    assert got == [("ExShip", "KOR", "BUS"), ("Toyota", "JPN", "BUS")]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases,country,sector,note\nNobody Inc,,XXZ,BUS,\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown country"):
        load_dictionaries((str(bad),))
