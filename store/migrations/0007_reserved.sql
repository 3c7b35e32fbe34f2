-- Schema 7 is another branch's migration (customer lifecycles); this file
-- only keeps the numbers without a gap until that branch is merged, and is
-- removed then. It changes nothing.
SELECT 1;
