-- The language a person chose for Carnet (issue 15, item 4): the pages, e-mails, SMS and PDFs sent to them.
-- Null until they choose: the browser's choice (cookie carnet_lang, then Accept-Language) applies, and French
-- for what is sent while they are away.
alter table account
  add column locale text check (locale in ('fr', 'en'));
