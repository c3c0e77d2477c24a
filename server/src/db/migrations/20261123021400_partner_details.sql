-- P1/P2: several bank accounts and yearly financial figures of a partner; ID documents and further
-- addresses of a contact (checked by the application, stored as lists).
alter table partner add column bank_accounts jsonb not null default '[]'::jsonb;
alter table partner add column financials jsonb not null default '[]'::jsonb;
alter table contact add column id_documents jsonb not null default '[]'::jsonb;
alter table contact add column addresses jsonb not null default '[]'::jsonb;
