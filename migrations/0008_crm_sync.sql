CREATE TABLE `crm_connections` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`settings` text NOT NULL,
	`secrets_enc` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`stopped_reason` text,
	`connected_by` text NOT NULL,
	`connected_at` integer NOT NULL,
	`last_sync_at` integer,
	`last_error` text,
	`last_error_kind` text,
	`last_error_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `crm_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`remote_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_queue_event_id` ON `crm_queue` (`event_id`);--> statement-breakpoint
CREATE INDEX `crm_queue_due_idx` ON `crm_queue` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `crm_queue_workspace_idx` ON `crm_queue` (`workspace_id`,`status`);