// Package domain holds the records that cross baocao's layers — rounds,
// submissions with their revisions and events, reports and their
// forwarding, the outbox, the audit log, catalog versions, API tokens —
// and the sentinel errors every layer shares, which the web layer maps to
// a status once. It imports no database and no HTTP: package postgres
// fills and stores these types; the services (intake, rounds, reports,
// auth, catalogs, ops) call postgres, and the web handlers and the job
// workers call the services. Outside them only the program's assembly
// (app, cmd: opening and migrating the database), the data installers
// (demo, synth, the benchmark) and two worker chores (the heartbeat's
// write, the demo reports' leader lookup) touch postgres.
//
// The rules about a submission's content, status and standing stay in
// package submission (submission.StandingOf is the one rule of issue #11),
// which this package builds on: consolidate depends on them too, and
// domain depends on consolidate for the snapshot heads it carries.
package domain
