CREATE TABLE `group_activity` (
	`group_id` text NOT NULL,
	`member_id` text NOT NULL,
	`last_active_at` integer NOT NULL,
	`left_at` integer,
	PRIMARY KEY(`group_id`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_activity_last_idx` ON `group_activity` (`group_id`,`last_active_at`);--> statement-breakpoint
CREATE TABLE `prune_members` (
	`prune_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`last_active_at` integer,
	`outcome` text NOT NULL,
	PRIMARY KEY(`prune_id`, `member_id`),
	FOREIGN KEY (`prune_id`) REFERENCES `prunes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `prunes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` text NOT NULL,
	`started_by` text NOT NULL,
	`days` integer NOT NULL,
	`status` text NOT NULL,
	`grace_until` integer,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `prunes_status_idx` ON `prunes` (`status`,`grace_until`);--> statement-breakpoint
CREATE TABLE `rule_exemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`rule_id` integer,
	`group_id` text,
	`subject` text NOT NULL,
	`value` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rule_id`) REFERENCES `rules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_exemptions_unique` ON `rule_exemptions` (`workspace_id`,`rule_id`,`group_id`,`subject`,`value`);--> statement-breakpoint
CREATE TABLE `rule_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`ladder` text NOT NULL,
	`strike_days` integer DEFAULT 30 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`group_id` text,
	`kind` text NOT NULL,
	`config` text NOT NULL,
	`mode` text DEFAULT 'enforce' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`actions` text NOT NULL,
	`strikes` integer DEFAULT 1 NOT NULL,
	`preset` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rules_workspace_idx` ON `rules` (`workspace_id`);--> statement-breakpoint
CREATE INDEX `rules_group_idx` ON `rules` (`group_id`);--> statement-breakpoint
CREATE TABLE `strikes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`member_id` text NOT NULL,
	`group_id` text,
	`rule_id` integer,
	`count` integer NOT NULL,
	`at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`pardoned_at` integer
);
--> statement-breakpoint
CREATE INDEX `strikes_member_idx` ON `strikes` (`workspace_id`,`member_id`,`expires_at`);