-- Quick search over every searchable field of partners and contacts (unaccented, transliterated
-- contains): each field needs its trigram index so the words' OR can use them all.
create index partner_legal_name_trgm on partner using gin (kontakt_normalize(legal_name) gin_trgm_ops);
create index partner_tax_id_trgm on partner using gin (kontakt_normalize(tax_id) gin_trgm_ops);
create index partner_email_trgm on partner using gin (kontakt_normalize(email) gin_trgm_ops);
create index contact_position_trgm on contact using gin (kontakt_normalize(position) gin_trgm_ops);
create index contact_email_trgm on contact using gin (kontakt_normalize(email) gin_trgm_ops);
