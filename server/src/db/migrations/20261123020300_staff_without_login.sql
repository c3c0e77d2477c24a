-- P10: the employees directory holds staff who never sign in (drivers, warehouse, field workers):
-- a users row with can_sign_in = false and no credentials; an e-mail address is optional for them.
alter table users add column can_sign_in boolean not null default true;
alter table users alter column email drop not null;
alter table users add constraint users_email_to_sign_in check (email is not null or not can_sign_in);
