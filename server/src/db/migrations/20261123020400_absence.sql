-- P5: a user's absence (holiday, sick leave): while it lasts, deputies stand in for them and see
-- what they see (partners whose primary account manager is away).
alter table users add column away_from date;
alter table users add column away_until date;
alter table users add constraint users_absence_order check (away_until is null or away_from is null or away_until >= away_from);
