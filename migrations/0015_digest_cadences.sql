CREATE TABLE `__new_digest_subscriptions` (
	`workspace_id` text NOT NULL,
	`member_id` text NOT NULL,
	`cadence` text NOT NULL,
	`time` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `member_id`, `cadence`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_digest_subscriptions`("workspace_id", "member_id", "cadence", "time", "created_at") SELECT "workspace_id", "member_id", "cadence", "time", "created_at" FROM `digest_subscriptions`;--> statement-breakpoint
DROP TABLE `digest_subscriptions`;--> statement-breakpoint
ALTER TABLE `__new_digest_subscriptions` RENAME TO `digest_subscriptions`;
