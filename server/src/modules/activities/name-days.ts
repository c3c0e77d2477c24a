/**
 * Name days (M6, A3 "My reminders"): common first names → the day (MM-DD) they are celebrated, per
 * country. A small, hand-kept calendar, not an exhaustive one:
 * - HU: the Hungarian civil name-day calendar (every day of the year; a name may have several days).
 * - PL: the main imieniny day of about 150 common names (Polish names have several; one is kept).
 * - RO and UA: the main Orthodox feasts of common names, on the church's (new-style) dates — the
 *   Romanian Church keeps them so, and the Orthodox Church of Ukraine and the Greek Catholics moved to
 *   them in 2023 (St Nicholas is 6 December, no longer 19 December). Ukrainian names are in Cyrillic;
 *   matching goes through kontakt_normalize, so "Olena" finds "Олена" as well.
 * A contact's own `nameDay` (MM-DD) wins over the calendar.
 */
export type NameDayCountry = 'RO' | 'PL' | 'HU' | 'UA';

type Calendar = Record<string, string>;

const HU: Calendar = {
  '01-01': 'Fruzsina', '01-02': 'Ábel', '01-03': 'Genovéva, Benjámin', '01-04': 'Titusz, Leona', '01-05': 'Simon', '01-06': 'Boldizsár',
  '01-07': 'Attila, Ramóna', '01-08': 'Gyöngyvér', '01-09': 'Marcell', '01-10': 'Melánia', '01-11': 'Ágota', '01-12': 'Ernő', '01-13': 'Veronika',
  '01-14': 'Bódog', '01-15': 'Lóránt, Loránd', '01-16': 'Gusztáv', '01-17': 'Antal, Antónia', '01-18': 'Piroska', '01-19': 'Sára, Márió',
  '01-20': 'Fábián, Sebestyén', '01-21': 'Ágnes', '01-22': 'Vince, Artúr', '01-23': 'Zelma, Rajmund', '01-24': 'Timót', '01-25': 'Pál',
  '01-26': 'Vanda, Paula', '01-27': 'Angelika', '01-28': 'Károly, Karola', '01-29': 'Adél', '01-30': 'Martina, Gerda', '01-31': 'Marcella',
  '02-01': 'Ignác', '02-02': 'Karolina, Aida', '02-03': 'Balázs', '02-04': 'Ráhel, Csenge', '02-05': 'Ágota, Ingrid', '02-06': 'Dorottya, Dóra',
  '02-07': 'Tódor, Rómeó', '02-08': 'Aranka', '02-09': 'Abigél, Alex', '02-10': 'Elvira', '02-11': 'Bertold, Marietta', '02-12': 'Lívia, Lídia',
  '02-13': 'Ella, Linda', '02-14': 'Bálint, Valentin', '02-15': 'Kolos, Georgina', '02-16': 'Julianna, Lilla', '02-17': 'Donát', '02-18': 'Bernadett',
  '02-19': 'Zsuzsanna', '02-20': 'Aladár, Álmos', '02-21': 'Eleonóra', '02-22': 'Gerzson', '02-23': 'Alfréd', '02-24': 'Mátyás', '02-25': 'Géza',
  '02-26': 'Edina', '02-27': 'Ákos, Bátor', '02-28': 'Elemér',
  '03-01': 'Albin', '03-02': 'Lujza', '03-03': 'Kornélia', '03-04': 'Kázmér', '03-05': 'Adorján, Adrián', '03-06': 'Leonóra, Inez', '03-07': 'Tamás',
  '03-08': 'Zoltán', '03-09': 'Franciska, Fanni', '03-10': 'Ildikó', '03-11': 'Szilárd', '03-12': 'Gergely', '03-13': 'Krisztián, Ajtony',
  '03-14': 'Matild', '03-15': 'Kristóf', '03-16': 'Henrietta', '03-17': 'Gertrúd, Patrik', '03-18': 'Sándor, Ede', '03-19': 'József, Bánk',
  '03-20': 'Klaudia', '03-21': 'Benedek', '03-22': 'Beáta, Izolda', '03-23': 'Emőke', '03-24': 'Gábor, Karina', '03-25': 'Irén, Írisz',
  '03-26': 'Emánuel', '03-27': 'Hajnalka', '03-28': 'Gedeon, Johanna', '03-29': 'Auguszta', '03-30': 'Zalán', '03-31': 'Árpád',
  '04-01': 'Hugó', '04-02': 'Áron', '04-03': 'Buda, Richárd', '04-04': 'Izidor', '04-05': 'Vince', '04-06': 'Vilmos, Bíborka', '04-07': 'Herman',
  '04-08': 'Dénes', '04-09': 'Erhard', '04-10': 'Zsolt', '04-11': 'Leó, Szaniszló', '04-12': 'Gyula', '04-13': 'Ida', '04-14': 'Tibor',
  '04-15': 'Anasztázia, Tas', '04-16': 'Csongor', '04-17': 'Rudolf', '04-18': 'Andrea, Ilma', '04-19': 'Emma', '04-20': 'Tivadar', '04-21': 'Konrád',
  '04-22': 'Csilla, Noémi', '04-23': 'Béla', '04-24': 'György', '04-25': 'Márk', '04-26': 'Ervin', '04-27': 'Zita', '04-28': 'Valéria',
  '04-29': 'Péter', '04-30': 'Katalin, Kitti',
  '05-01': 'Fülöp, Jakab', '05-02': 'Zsigmond', '05-03': 'Tímea, Irma', '05-04': 'Mónika, Flórián', '05-05': 'Györgyi', '05-06': 'Ivett, Frida',
  '05-07': 'Gizella', '05-08': 'Mihály', '05-09': 'Gergely', '05-10': 'Ármin, Pálma', '05-11': 'Ferenc', '05-12': 'Pongrác', '05-13': 'Szervác, Imola',
  '05-14': 'Bonifác', '05-15': 'Zsófia, Szonja', '05-16': 'Mózes, Botond', '05-17': 'Paszkál', '05-18': 'Erik, Alexandra', '05-19': 'Ivó, Milán',
  '05-20': 'Bernát, Felícia', '05-21': 'Konstantin', '05-22': 'Júlia, Rita', '05-23': 'Dezső', '05-24': 'Eszter, Eliza', '05-25': 'Orbán',
  '05-26': 'Fülöp, Evelin', '05-27': 'Hella', '05-28': 'Emil, Csanád', '05-29': 'Magdolna', '05-30': 'Janka, Zsanett', '05-31': 'Angéla, Petronella',
  '06-01': 'Tünde', '06-02': 'Kármen, Anita', '06-03': 'Klotild', '06-04': 'Bulcsú', '06-05': 'Fatime', '06-06': 'Norbert, Cintia', '06-07': 'Róbert',
  '06-08': 'Medárd', '06-09': 'Félix', '06-10': 'Margit, Gréta', '06-11': 'Barnabás', '06-12': 'Villő', '06-13': 'Antal, Anett', '06-14': 'Vazul',
  '06-15': 'Jolán, Vid', '06-16': 'Jusztin', '06-17': 'Laura, Alida', '06-18': 'Arnold, Levente', '06-19': 'Gyárfás', '06-20': 'Rafael',
  '06-21': 'Alajos, Leila', '06-22': 'Paulina', '06-23': 'Zoltán', '06-24': 'Iván', '06-25': 'Vilmos', '06-26': 'János, Pál', '06-27': 'László',
  '06-28': 'Levente, Irén', '06-29': 'Péter, Pál', '06-30': 'Pál',
  '07-01': 'Tihamér, Annamária', '07-02': 'Ottó', '07-03': 'Kornél, Soma', '07-04': 'Ulrik', '07-05': 'Emese, Sarolta', '07-06': 'Csaba',
  '07-07': 'Apollónia', '07-08': 'Ellák', '07-09': 'Lukrécia', '07-10': 'Amália', '07-11': 'Nóra, Lili', '07-12': 'Izabella, Dalma', '07-13': 'Jenő',
  '07-14': 'Örs, Stella', '07-15': 'Henrik, Roland', '07-16': 'Valter', '07-17': 'Endre, Elek', '07-18': 'Frigyes', '07-19': 'Emília', '07-20': 'Illés',
  '07-21': 'Dániel, Daniella', '07-22': 'Magdolna', '07-23': 'Lenke', '07-24': 'Kinga, Kincső', '07-25': 'Kristóf, Jakab', '07-26': 'Anna, Anikó',
  '07-27': 'Olga, Liliána', '07-28': 'Szabolcs', '07-29': 'Márta, Flóra', '07-30': 'Judit, Xénia', '07-31': 'Oszkár',
  '08-01': 'Boglárka', '08-02': 'Lehel', '08-03': 'Hermina', '08-04': 'Domonkos, Dominika', '08-05': 'Krisztina', '08-06': 'Berta, Bettina',
  '08-07': 'Ibolya', '08-08': 'László', '08-09': 'Emőd', '08-10': 'Lőrinc', '08-11': 'Zsuzsanna, Tiborc', '08-12': 'Klára', '08-13': 'Ipoly',
  '08-14': 'Marcell', '08-15': 'Mária', '08-16': 'Ábrahám', '08-17': 'Jácint', '08-18': 'Ilona', '08-19': 'Huba', '08-20': 'István',
  '08-21': 'Sámuel, Hajna', '08-22': 'Menyhért, Mirjam', '08-23': 'Bence', '08-24': 'Bertalan', '08-25': 'Lajos, Patrícia', '08-26': 'Izsó',
  '08-27': 'Gáspár', '08-28': 'Ágoston', '08-29': 'Beatrix, Erna', '08-30': 'Rózsa', '08-31': 'Erika, Bella',
  '09-01': 'Egyed, Egon', '09-02': 'Rebeka, Dorina', '09-03': 'Hilda', '09-04': 'Rozália', '09-05': 'Viktor, Lőrinc', '09-06': 'Zakariás',
  '09-07': 'Regina', '09-08': 'Mária, Adrienn', '09-09': 'Ádám', '09-10': 'Nikolett, Hunor', '09-11': 'Teodóra', '09-12': 'Mária', '09-13': 'Kornél',
  '09-14': 'Szeréna, Roxána', '09-15': 'Enikő, Melitta', '09-16': 'Edit', '09-17': 'Zsófia', '09-18': 'Diána', '09-19': 'Vilhelmina',
  '09-20': 'Friderika', '09-21': 'Máté, Mirella', '09-22': 'Móric', '09-23': 'Tekla', '09-24': 'Gellért, Mercédesz', '09-25': 'Eufrozina, Kende',
  '09-26': 'Jusztina', '09-27': 'Adalbert', '09-28': 'Vencel', '09-29': 'Mihály', '09-30': 'Jeromos',
  '10-01': 'Malvin', '10-02': 'Petra', '10-03': 'Helga', '10-04': 'Ferenc', '10-05': 'Aurél', '10-06': 'Brúnó, Renáta', '10-07': 'Amália',
  '10-08': 'Koppány', '10-09': 'Dénes', '10-10': 'Gedeon', '10-11': 'Brigitta', '10-12': 'Miksa', '10-13': 'Kálmán, Ede', '10-14': 'Helén',
  '10-15': 'Teréz', '10-16': 'Gál', '10-17': 'Hedvig', '10-18': 'Lukács', '10-19': 'Nándor', '10-20': 'Vendel', '10-21': 'Orsolya', '10-22': 'Előd',
  '10-23': 'Gyöngyi', '10-24': 'Salamon', '10-25': 'Blanka, Bianka', '10-26': 'Dömötör', '10-27': 'Szabina', '10-28': 'Simon, Szimonetta',
  '10-29': 'Nárcisz', '10-30': 'Alfonz', '10-31': 'Farkas',
  '11-01': 'Marianna', '11-02': 'Achilles', '11-03': 'Győző', '11-04': 'Károly', '11-05': 'Imre', '11-06': 'Lénárd', '11-07': 'Rezső',
  '11-08': 'Zsombor', '11-09': 'Tivadar', '11-10': 'Réka', '11-11': 'Márton', '11-12': 'Jónás, Renátó', '11-13': 'Szilvia', '11-14': 'Aliz',
  '11-15': 'Albert, Lipót', '11-16': 'Ödön', '11-17': 'Hortenzia, Gergő', '11-18': 'Jenő', '11-19': 'Erzsébet', '11-20': 'Jolán', '11-21': 'Olivér',
  '11-22': 'Cecília', '11-23': 'Kelemen, Klementina', '11-24': 'Emma', '11-25': 'Katalin', '11-26': 'Virág', '11-27': 'Virgil', '11-28': 'Stefánia',
  '11-29': 'Taksony', '11-30': 'András, Andor',
  '12-01': 'Elza', '12-02': 'Melinda, Vivien', '12-03': 'Ferenc, Olívia', '12-04': 'Borbála, Barbara', '12-05': 'Vilma', '12-06': 'Miklós',
  '12-07': 'Ambrus', '12-08': 'Mária', '12-09': 'Natália', '12-10': 'Judit', '12-11': 'Árpád', '12-12': 'Gabriella', '12-13': 'Luca, Otília',
  '12-14': 'Szilárda', '12-15': 'Valér', '12-16': 'Etelka, Aletta', '12-17': 'Lázár, Olimpia', '12-18': 'Auguszta', '12-19': 'Viola',
  '12-20': 'Teofil', '12-21': 'Tamás', '12-22': 'Zénó', '12-23': 'Viktória', '12-24': 'Ádám, Éva', '12-25': 'Eugénia', '12-26': 'István',
  '12-27': 'János', '12-28': 'Kamilla', '12-29': 'Tamás, Tamara', '12-30': 'Dávid', '12-31': 'Szilveszter',
};

const PL: Calendar = {
  '01-01': 'Mieczysław, Mieszko', '01-02': 'Bazyli', '01-06': 'Kacper, Melchior, Baltazar', '01-07': 'Lucjan, Rajmund', '01-13': 'Weronika',
  '01-19': 'Mariusz', '01-20': 'Sebastian, Fabian', '01-21': 'Agnieszka', '01-22': 'Wincenty', '01-30': 'Martyna', '02-03': 'Błażej',
  '02-05': 'Agata', '02-06': 'Dorota', '02-09': 'Apolonia', '02-14': 'Walenty', '02-24': 'Maciej', '02-28': 'Roman', '03-04': 'Kazimierz',
  '03-05': 'Oliwia', '03-12': 'Grzegorz', '03-16': 'Radosław', '03-17': 'Zbigniew, Patryk, Patrycja', '03-19': 'Józef', '03-20': 'Klaudia',
  '03-21': 'Benedykt', '04-02': 'Sandra', '04-03': 'Ryszard', '04-04': 'Izydor', '04-05': 'Emilia', '04-11': 'Leon', '04-13': 'Przemysław',
  '04-23': 'Wojciech, Jerzy', '04-25': 'Marek', '05-03': 'Aleksander', '05-04': 'Florian', '05-08': 'Stanisław', '05-09': 'Beata',
  '05-12': 'Pankracy', '05-15': 'Zofia', '05-16': 'Jędrzej', '05-18': 'Eryk, Aleksandra', '05-19': 'Iwona', '05-22': 'Julia, Rita',
  '05-26': 'Filip', '05-30': 'Joanna', '06-03': 'Leszek', '06-05': 'Igor', '06-06': 'Norbert', '06-07': 'Robert', '06-13': 'Antoni',
  '06-15': 'Wit, Jolanta', '06-22': 'Paulina', '06-24': 'Jan', '06-29': 'Piotr, Paweł', '07-08': 'Izabela', '07-13': 'Henryk', '07-14': 'Kamil, Kamila',
  '07-15': 'Włodzimierz', '07-20': 'Małgorzata', '07-22': 'Magdalena', '07-24': 'Krystyna, Kinga', '07-25': 'Jakub, Krzysztof', '07-26': 'Anna, Joachim',
  '07-27': 'Natalia', '07-29': 'Marta', '07-31': 'Ignacy', '08-03': 'Lidia', '08-04': 'Dominik', '08-06': 'Sławomir', '08-10': 'Wawrzyniec',
  '08-11': 'Zuzanna', '08-17': 'Jacek, Anita', '08-18': 'Helena', '08-20': 'Bernard', '08-24': 'Bartłomiej, Bartosz', '08-27': 'Monika',
  '08-28': 'Augustyn', '08-30': 'Róża', '09-01': 'Bronisław', '09-12': 'Maria', '09-16': 'Edyta', '09-21': 'Mateusz', '09-26': 'Justyna, Damian',
  '09-28': 'Wacław', '09-29': 'Michał, Rafał', '09-30': 'Hieronim', '10-02': 'Teofil', '10-04': 'Franciszek', '10-15': 'Teresa', '10-16': 'Jadwiga',
  '10-18': 'Łukasz', '10-19': 'Laura', '10-20': 'Irena', '10-21': 'Urszula', '10-28': 'Szymon, Tadeusz', '11-03': 'Hubert, Sylwia',
  '11-04': 'Karol, Karolina', '11-11': 'Marcin', '11-15': 'Artur', '11-19': 'Elżbieta', '11-22': 'Cecylia', '11-25': 'Katarzyna', '11-28': 'Zdzisław',
  '11-30': 'Andrzej', '12-04': 'Barbara', '12-06': 'Mikołaj', '12-13': 'Łucja', '12-19': 'Dariusz', '12-21': 'Tomasz', '12-23': 'Wiktoria',
  '12-24': 'Adam, Ewa', '12-26': 'Szczepan, Stefan', '12-29': 'Dawid', '12-31': 'Sylwester',
};

const RO: Calendar = {
  '01-01': 'Vasile, Vasilica', '01-06': 'Iordan, Iordana, Botezatu', '01-07': 'Ion, Ioan, Ioana, Ionuț, Ionel, Ionela, Oana, Nelu', '01-12': 'Tatiana',
  '01-17': 'Anton, Antonie, Antonia', '01-18': 'Atanasie', '01-20': 'Eftimie', '01-25': 'Grigore', '02-03': 'Simion, Simona', '02-10': 'Haralambie',
  '02-17': 'Teodor, Tudor', '04-23': 'Gheorghe, George, Georgiana, Georgeta, Gelu', '04-25': 'Marcu', '05-05': 'Irina',
  '05-21': 'Constantin, Elena, Costel, Costin, Constanța, Ilinca, Ileana, Lenuța', '06-29': 'Petru, Pavel, Petra, Paul, Paula, Petrică',
  '07-15': 'Vladimir, Vlad', '07-17': 'Marina', '07-18': 'Emil, Emilian', '07-20': 'Ilie', '07-22': 'Magdalena, Magda', '07-24': 'Cristina',
  '07-25': 'Ana, Anca', '07-27': 'Pantelimon', '08-15': 'Maria, Marian, Mariana, Marioara, Marin, Maricica', '08-26': 'Adrian, Adriana, Natalia',
  '08-30': 'Alexandru, Alexandra', '09-05': 'Elisabeta, Zaharia', '09-13': 'Corneliu, Cornel, Cornelia', '09-17': 'Sofia', '10-06': 'Toma',
  '10-07': 'Sergiu', '10-09': 'Iacob', '10-14': 'Parascheva, Paraschiva', '10-15': 'Lucian', '10-18': 'Luca', '10-26': 'Dumitru, Dumitrița, Dimitrie, Mitică, Demetra',
  '11-08': 'Mihail, Mihai, Mihaela, Gavril, Gabriel, Gabriela, Mihăiță', '11-09': 'Nectarie', '11-11': 'Victor, Mina', '11-14': 'Filip', '11-16': 'Matei',
  '11-25': 'Ecaterina, Cătălina, Cătălin', '11-30': 'Andrei, Andreea, Andra', '12-04': 'Varvara, Barbara', '12-06': 'Nicolae, Nicoleta, Niculina, Nicu',
  '12-12': 'Spiridon', '12-13': 'Eugen', '12-17': 'Daniel, Daniela', '12-18': 'Sebastian', '12-22': 'Anastasia', '12-24': 'Eugenia',
  '12-25': 'Crăciun, Cristian, Cristiana', '12-27': 'Ștefan, Ștefania, Fănel',
};

const UA: Calendar = {
  '01-01': 'Василь', '01-07': 'Іван, Іванна', '01-12': 'Тетяна', '01-17': 'Антон', '01-18': 'Афанасій', '01-21': 'Максим', '01-24': 'Ксенія, Оксана',
  '01-25': 'Григорій', '02-03': 'Семен', '02-24': 'Тарас', '03-26': 'Лариса', '04-01': 'Дарія, Дар’я', '04-09': 'Вадим', '04-16': 'Галина',
  '04-23': 'Юрій, Георгій', '05-05': 'Ірина', '05-11': 'Кирило, Мефодій', '05-21': 'Костянтин, Олена', '06-05': 'Ігор', '06-29': 'Петро, Павло',
  '07-11': 'Ольга', '07-15': 'Володимир', '07-20': 'Ілля', '07-24': 'Борис, Гліб, Христина', '07-25': 'Анна, Ганна', '07-27': 'Пантелеймон',
  '08-15': 'Марія', '08-26': 'Наталія', '08-30': 'Олександр, Олександра', '09-05': 'Єлизавета, Захарій', '09-16': 'Людмила',
  '09-17': 'Віра, Надія, Любов, Софія', '09-20': 'Олег', '10-01': 'Роман', '10-03': 'Денис', '10-06': 'Тома', '10-07': 'Сергій', '10-18': 'Лука',
  '10-20': 'Артем', '10-26': 'Дмитро', '11-08': 'Михайло, Гавриїл', '11-11': 'Віктор', '11-14': 'Пилип', '11-16': 'Матвій', '11-24': 'Катерина',
  '11-30': 'Андрій', '12-04': 'Варвара', '12-06': 'Микола', '12-12': 'Спиридон', '12-13': 'Євген', '12-17': 'Данило', '12-22': 'Анастасія',
  '12-24': 'Євгенія', '12-27': 'Степан',
};

const CALENDARS: Record<NameDayCountry, Calendar> = { HU, PL, RO, UA };

/** The names celebrated on a day (MM-DD) in a country. */
export function namesOn(country: NameDayCountry, monthDay: string): string[] {
  const names = CALENDARS[country][monthDay];
  return names ? names.split(',').map((n) => n.trim()).filter(Boolean) : [];
}

/** How many names a country's calendar knows (documentation, tests). */
export const calendarSize = (country: NameDayCountry) =>
  new Set(Object.values(CALENDARS[country]).flatMap((v) => v.split(',').map((n) => n.trim()))).size;
