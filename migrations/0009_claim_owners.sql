CREATE TABLE `instances` (
	`id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`pid` integer NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `job_runs` ADD `owner` text;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `due_at` integer;--> statement-breakpoint
CREATE INDEX `job_runs_unfinished_idx` ON `job_runs` (`status`,`due_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `owner` text;