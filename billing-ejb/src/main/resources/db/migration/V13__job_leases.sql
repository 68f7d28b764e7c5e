-- Which cluster member runs a timer job now. Every member wakes its own timers (EJB timers are
-- per server here: Payara Micro keeps them in its data grid, WildFly in memory), so a job's run
-- starts by claiming its row with one conditional UPDATE; a member whose claim matches no row
-- skips that firing. The lease ends when the run ends, or by itself after a while if the member
-- died mid-run. The times are the database's own clock (UTC_TIMESTAMP), so members whose clocks
-- disagree still agree on whose lease it is. Each due item is still claimed on its own as well
-- (a hold, a delivery, a renewal, an invoice's unique key), so the lease saves doubled work and
-- contention; exactly-once rests on both.
CREATE TABLE job_lease (
  job          VARCHAR(64)  NOT NULL PRIMARY KEY,
  holder       VARCHAR(128) NOT NULL,
  leased_until DATETIME(6)  NOT NULL
) ENGINE=InnoDB;
