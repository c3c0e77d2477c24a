-- Tax IDs compared by their number, not by how they are written: 30540177, RO30540177 and
-- "RO 3054 0177" are one Romanian company; 11223346-2-06, 11223346 and HU11223346 one Hungarian
-- taxpayer (the VAT code and county after the first eight digits say how it pays VAT, not who it is).
-- tax_id keeps the form the user typed (tidied); tax_id_key is the number as compared:
--   the country (a two-letter VAT prefix when the number carries one — EL is Greece — else the
--   partner's country, RO when it has none) followed by the number's letters and digits without
--   separators or the prefix; for Hungary the first eight digits only.
-- The country stays in the key: the same digits are another company in another country.
create or replace function kontakt_tax_id_key(country text, tax_id text) returns text
  language plpgsql immutable parallel safe
  as $$
declare
  v text := upper(regexp_replace(coalesce(tax_id, ''), '[^A-Za-z0-9]', '', 'g'));
  c text := upper(coalesce(nullif(btrim(country), ''), 'RO'));
begin
  if left(v, 2) = any (array['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT',
      'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'UA', 'GB', 'XI', 'CH', 'NO']) then
    c := case left(v, 2) when 'EL' then 'GR' else left(v, 2) end;
    v := substr(v, 3);
  end if;
  if v = '' then
    return null;
  end if;
  if c = 'HU' and v ~ '^[0-9]{11}$' then
    v := left(v, 8);
  end if;
  return c || v;
end $$;

alter table partner add column tax_id_key text generated always as (kontakt_tax_id_key(country, tax_id)) stored;

-- Partners that already shared a number (written another way) when the rule came are kept as they
-- are: the later ones are marked, stay out of the unique index below, and the duplicate finder pairs
-- them by the number for a person to merge. The application refuses any new sharing, marked or not.
alter table partner add column tax_id_duplicate boolean not null default false;
update partner p set tax_id_duplicate = true
where p.deleted_at is null and p.tax_id_key is not null
  and exists (
    select 1 from partner o
    where o.workspace_id = p.workspace_id and o.tax_id_key = p.tax_id_key and o.deleted_at is null
      and (o.created_at, o.id) < (p.created_at, p.id));

-- one live partner per number in a workspace, kept by the database even when two writes race
create unique index partner_tax_id_key_unique on partner (workspace_id, tax_id_key)
  where deleted_at is null and tax_id_key is not null and not tax_id_duplicate;
-- the duplicate finder and the import look partners up by the number, marked ones included
create index partner_ws_tax_id_key on partner (workspace_id, tax_id_key) where deleted_at is null;
