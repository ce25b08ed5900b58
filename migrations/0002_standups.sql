CREATE TABLE `calendar_overrides` (
	`group_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`created_by` text NOT NULL,
	PRIMARY KEY(`group_id`, `day`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `standup_answers` (
	`group_id` text NOT NULL,
	`day` text NOT NULL,
	`member_id` text NOT NULL,
	`answers` text NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`submitted_at` integer NOT NULL,
	`edited_at` integer,
	PRIMARY KEY(`group_id`, `day`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `standup_answers_member_idx` ON `standup_answers` (`member_id`,`day`);--> statement-breakpoint
CREATE TABLE `standup_away` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` text NOT NULL,
	`member_id` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`set_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `standup_away_group_idx` ON `standup_away` (`group_id`,`to_day`);--> statement-breakpoint
CREATE TABLE `standup_blockers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` text NOT NULL,
	`member_id` text NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	`first_day` text NOT NULL,
	`last_day` text NOT NULL,
	`days` integer DEFAULT 1 NOT NULL,
	`escalated_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `standup_blockers_group_idx` ON `standup_blockers` (`group_id`,`member_id`,`key`);--> statement-breakpoint
CREATE TABLE `standup_configs` (
	`group_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`prompt_time` text DEFAULT '09:30' NOT NULL,
	`deadline` text DEFAULT '17:00' NOT NULL,
	`nudge_before_minutes` integer DEFAULT 60 NOT NULL,
	`questions` text,
	`country` text,
	`blocker_escalate_days` integer DEFAULT 3 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `standup_days` (
	`group_id` text NOT NULL,
	`day` text NOT NULL,
	`thread_id` text,
	`summary_at` integer,
	PRIMARY KEY(`group_id`, `day`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
