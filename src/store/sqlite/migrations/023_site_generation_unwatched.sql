-- A site no server has watched yet says so (seen = -1): a writer
-- announcing its changes (lede import into a new data folder) then knows
-- that nobody is there to wait for. Before, a new site's first import
-- waited two seconds for a server that had never run. A server records
-- what it has seen as it starts (process_watch.cc), so from then on
-- writers wait for it as before.
UPDATE site_generation SET seen = -1 WHERE changed = 0 AND seen = 0;
