-- An import may write the Romanian letters ş ţ (cedilla, all Windows-1250 has) as ș ț (comma below,
-- as Romanian is written): the choice made when the import was started, kept with it.
alter table import_job add column correct_cedillas boolean not null default false;
