package tollgate.access.terraform.secrets

import data.tollgate.lib
import rego.v1

# METADATA
# title: Terraform argument holds a literal credential
# description: |
#   An argument of a resource or provider block named like a credential (password,
#   passphrase, secret, token, api_key, private_key, access_key, client_secret,
#   credentials...) has a literal value: written in the block, or coming from a variable
#   default, a .tfvars file or a local. The credential is then in the repository and its
#   history, in every clone and CI log that prints the configuration, and in Terraform
#   state in plain text. Values Terraform only knows at apply time (a random_password, a
#   data source reading a secret store, a variable without a value) are not reported, nor
#   names of where a credential is kept (secret_arn, password_file, token_url...), nor
#   placeholders such as "<password>". The rule is indexed by type: it reads the
#   resource and provider types listed in it, those known to take credentials.
# related_resources:
# - https://developer.hashicorp.com/terraform/language/state/sensitive-data
# - https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
# custom:
#   id: TG-TF-001
#   severity: high
#   category: access
#   provider: terraform
#   remediation: Take the value from a secret store at apply time (an aws_secretsmanager_secret_version, google_secret_manager_secret_version or azurerm_key_vault_secret data source, or Vault), or generate it (random_password, manage_master_user_password); pass what must come from outside as a sensitive variable without a default, set in the CI environment (TF_VAR_...), and rotate the credential that was committed.
#   frameworks:
#     nist-800-53: ["IA-5", "IA-5(7)", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
deny contains finding if {
	input.type in {
		# providers
		"provider.aws", "provider.google", "provider.google-beta", "provider.azurerm", "provider.azuread",
		"provider.azurestack", "provider.kubernetes", "provider.helm", "provider.kubectl", "provider.vault",
		"provider.github", "provider.gitlab", "provider.bitbucket", "provider.datadog", "provider.cloudflare",
		"provider.newrelic", "provider.pagerduty", "provider.opsgenie", "provider.digitalocean",
		"provider.heroku", "provider.tfe", "provider.docker", "provider.postgresql", "provider.mysql",
		"provider.mssql", "provider.rabbitmq", "provider.mongodbatlas", "provider.snowflake", "provider.okta",
		"provider.auth0", "provider.linode", "provider.hcloud", "provider.vultr", "provider.fastly",
		"provider.consul", "provider.nomad", "provider.alicloud", "provider.oci", "provider.ibm",
		"provider.openstack", "provider.vsphere", "provider.grafana", "provider.sentry", "provider.spotinst",
		"provider.artifactory", "provider.harbor", "provider.keycloak", "provider.elasticstack",
		"provider.ec", "provider.confluent", "provider.kafka", "provider.http", "provider.restapi",
		"provider.proxmox", "provider.ovh", "provider.scaleway", "provider.exoscale", "provider.upcloud",
		"provider.tencentcloud", "provider.huaweicloud", "provider.yandex", "provider.nutanix",
		"provider.cloudinit", "provider.azuredevops", "provider.gitea", "provider.splunk", "provider.sumologic",
		"provider.launchdarkly", "provider.honeycombio", "provider.databricks", "provider.aiven",
		# AWS
		"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_docdbelastic_cluster",
		"aws_neptune_cluster", "aws_redshift_cluster", "aws_redshiftserverless_namespace",
		"aws_elasticache_replication_group", "aws_elasticache_user", "aws_memorydb_user", "aws_mq_broker",
		"aws_mq_configuration", "aws_secretsmanager_secret_version", "aws_directory_service_directory",
		"aws_dms_endpoint", "aws_dms_s3_endpoint", "aws_glue_connection", "aws_opensearch_domain",
		"aws_elasticsearch_domain", "aws_codebuild_source_credential", "aws_amplify_app",
		"aws_amplify_branch", "aws_lightsail_database", "aws_datasync_location_object_storage",
		"aws_datasync_location_smb", "aws_datasync_location_fsx_windows_file_system",
		"aws_datasync_location_fsx_ontap_file_system", "aws_datasync_location_hdfs",
		"aws_fsx_windows_file_system", "aws_fsx_ontap_file_system", "aws_fsx_ontap_storage_virtual_machine",
		"aws_kinesis_firehose_delivery_stream", "aws_cognito_identity_provider", "aws_cognito_user",
		"aws_cloudwatch_event_connection", "aws_quicksight_data_source", "aws_appflow_connector_profile",
		"aws_emr_cluster", "aws_timestreaminfluxdb_db_instance", "aws_lb_listener", "aws_lb_listener_rule",
		"aws_alb_listener", "aws_alb_listener_rule", "aws_iam_server_certificate", "aws_acm_certificate",
		"aws_iot_certificate", "aws_transfer_user", "aws_transfer_certificate", "aws_api_gateway_api_key",
		"aws_apigatewayv2_authorizer", "aws_appsync_datasource", "aws_pipes_pipe", "aws_mskconnect_connector",
		"aws_sagemaker_workforce", "aws_grafana_workspace_api_key", "aws_db_proxy", "aws_rds_global_cluster",
		"aws_ssm_association", "aws_workspaces_directory", "aws_connect_instance", "aws_chime_voice_connector_origination",
		"aws_batch_job_definition", "aws_codepipeline", "aws_codepipeline_webhook", "aws_codestarconnections_host",
		"aws_sns_platform_application", "aws_pinpoint_apns_channel", "aws_pinpoint_apns_sandbox_channel",
		"aws_pinpoint_apns_voip_channel", "aws_pinpoint_apns_voip_sandbox_channel", "aws_pinpoint_baidu_channel",
		"aws_pinpoint_gcm_channel", "aws_pinpoint_adm_channel", "aws_ssoadmin_application", "aws_verifiedaccess_trust_provider",
		"aws_networkmanager_connect_peer", "aws_dx_bgp_peer", "aws_dx_private_virtual_interface",
		"aws_dx_public_virtual_interface", "aws_dx_transit_virtual_interface", "aws_vpn_connection",
		"aws_customer_gateway", "aws_ec2_transit_gateway_connect_peer", "aws_keyspaces_keyspace",
		"aws_bedrockagent_data_source", "aws_bedrockagent_knowledge_base",
		# Google Cloud
		"google_sql_user", "google_sql_database_instance", "google_secret_manager_secret_version",
		"google_container_cluster", "google_bigquery_connection", "google_datastream_connection_profile",
		"google_database_migration_service_connection_profile", "google_alloydb_cluster", "google_alloydb_user",
		"google_alloydb_instance", "google_identity_platform_default_supported_idp_config",
		"google_identity_platform_oauth_idp_config", "google_identity_platform_tenant_default_supported_idp_config",
		"google_identity_platform_tenant_oauth_idp_config", "google_iap_brand", "google_iap_client",
		"google_monitoring_uptime_check_config", "google_monitoring_notification_channel",
		"google_bigquery_data_transfer_config", "google_cloudbuild_trigger", "google_cloudbuildv2_connection",
		"google_cloudfunctions_function", "google_cloudfunctions2_function", "google_cloud_run_service",
		"google_cloud_run_v2_service", "google_cloud_run_v2_job", "google_compute_vpn_tunnel",
		"google_compute_router_peer", "google_compute_instance", "google_compute_instance_template",
		"google_compute_region_instance_template", "google_redis_instance", "google_memcache_instance",
		"google_dataproc_cluster", "google_apigee_target_server", "google_integration_connectors_connection",
		"google_firebase_web_app", "google_workbench_instance", "google_composer_environment",
		"google_vertex_ai_endpoint", "google_gke_hub_feature", "google_edgecontainer_cluster",
		# Azure
		"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set",
		"azurerm_virtual_machine_scale_set", "azurerm_orchestrated_virtual_machine_scale_set",
		"azurerm_mssql_server", "azurerm_sql_server", "azurerm_mssql_managed_instance",
		"azurerm_sql_managed_instance", "azurerm_mysql_server", "azurerm_mysql_flexible_server",
		"azurerm_postgresql_server", "azurerm_postgresql_flexible_server", "azurerm_mariadb_server",
		"azurerm_cosmosdb_postgresql_cluster", "azurerm_synapse_workspace", "azurerm_synapse_sql_pool",
		"azurerm_container_group", "azurerm_container_app", "azurerm_container_app_job",
		"azurerm_kubernetes_cluster", "azurerm_app_service", "azurerm_function_app",
		"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app",
		"azurerm_windows_function_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
		"azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot", "azurerm_function_app_slot",
		"azurerm_app_service_slot", "azurerm_batch_pool", "azurerm_hdinsight_hadoop_cluster",
		"azurerm_hdinsight_hbase_cluster", "azurerm_hdinsight_interactive_query_cluster",
		"azurerm_hdinsight_kafka_cluster", "azurerm_hdinsight_spark_cluster", "azurerm_automation_credential",
		"azurerm_automation_connection", "azurerm_api_management", "azurerm_api_management_backend",
		"azurerm_api_management_identity_provider_aad", "azurerm_api_management_identity_provider_aadb2c",
		"azurerm_api_management_identity_provider_facebook", "azurerm_api_management_identity_provider_google",
		"azurerm_api_management_identity_provider_microsoft", "azurerm_api_management_identity_provider_twitter",
		"azurerm_api_management_authorization_server", "azurerm_application_gateway",
		"azurerm_key_vault_certificate", "azurerm_virtual_network_gateway_connection",
		"azurerm_devtest_linux_virtual_machine", "azurerm_devtest_windows_virtual_machine",
		"azurerm_stream_analytics_output_mssql", "azurerm_stream_analytics_output_synapse",
		"azurerm_stream_analytics_reference_input_mssql", "azurerm_stream_analytics_output_blob",
		"azurerm_stream_analytics_stream_input_blob", "azurerm_stream_analytics_stream_input_eventhub",
		"azurerm_stream_analytics_output_eventhub", "azurerm_stream_analytics_output_servicebus_queue",
		"azurerm_stream_analytics_output_servicebus_topic", "azurerm_data_factory_linked_service_sql_server",
		"azurerm_data_factory_linked_service_azure_sql_database", "azurerm_data_factory_linked_service_postgresql",
		"azurerm_data_factory_linked_service_mysql", "azurerm_data_factory_linked_service_sftp",
		"azurerm_data_factory_linked_service_web", "azurerm_data_factory_linked_service_odata",
		"azurerm_data_factory_linked_service_snowflake", "azurerm_data_factory_linked_service_azure_blob_storage",
		"azurerm_data_factory_linked_service_azure_file_storage", "azurerm_data_factory_linked_service_data_lake_storage_gen2",
		"azurerm_data_factory_linked_service_azure_databricks", "azurerm_data_factory_linked_service_cosmosdb",
		"azurerm_data_factory_linked_service_azure_search", "azurerm_data_factory_linked_service_azure_function",
		"azurerm_spring_cloud_service", "azurerm_bot_channel_directline", "azurerm_bot_channel_email",
		"azurerm_bot_channel_slack", "azurerm_bot_channel_facebook", "azurerm_bot_channel_line",
		"azurerm_bot_channel_sms", "azurerm_bot_channels_registration", "azurerm_active_directory_domain_service",
		"azurerm_storage_sync_cloud_endpoint", "azurerm_iothub_dps", "azurerm_kusto_cluster",
		"azurerm_media_services_account", "azurerm_netapp_account", "azurerm_vpn_gateway_connection",
		"azurerm_point_to_site_vpn_gateway", "azurerm_express_route_circuit_peering",
		"azurerm_virtual_hub_bgp_connection", "azurerm_machine_learning_compute_instance",
		"azurerm_machine_learning_compute_cluster", "azurerm_sentinel_data_connector_threat_intelligence_taxii",
		"azurerm_data_protection_backup_instance_postgresql", "azurerm_monitor_action_group",
		"azurerm_dev_test_linux_virtual_machine", "azuread_application_password", "azuread_service_principal_password",
		"azuread_user",
		# Others
		"kubernetes_secret", "kubernetes_secret_v1", "helm_release", "github_actions_secret",
		"github_actions_organization_secret", "github_dependabot_secret", "github_codespaces_secret",
		"github_repository_webhook", "github_organization_webhook", "gitlab_project_variable",
		"gitlab_group_variable", "gitlab_project_hook", "vault_generic_secret", "vault_kv_secret_v2",
		"vault_database_secret_backend_connection", "vault_aws_secret_backend", "vault_approle_auth_backend_role_secret_id",
		"mysql_user", "postgresql_role", "mssql_login", "mssql_user", "rabbitmq_user", "mongodbatlas_database_user",
		"snowflake_user", "okta_user", "auth0_client", "auth0_connection", "datadog_integration_aws",
		"datadog_integration_gcp", "datadog_integration_azure", "datadog_synthetics_test", "newrelic_api_access_key",
		"pagerduty_extension", "docker_registry_image", "tfe_variable", "tfe_team_token", "cloudflare_record",
		"cloudflare_access_identity_provider", "cloudflare_tunnel", "digitalocean_database_user",
		"databricks_secret", "databricks_token", "grafana_data_source", "grafana_contact_point",
		"keycloak_openid_client", "keycloak_ldap_user_federation", "confluent_api_key", "elasticstack_elasticsearch_security_user",
		"opsgenie_api_integration", "azuredevops_serviceendpoint_dockerregistry", "azuredevops_serviceendpoint_generic",
		"azuredevops_serviceendpoint_github", "azuredevops_serviceendpoint_azurerm", "azuredevops_variable_group",
		"openstack_compute_instance_v2", "openstack_identity_user_v3", "vsphere_virtual_machine",
		"proxmox_vm_qemu", "proxmox_lxc", "tls_locally_signed_cert", "tls_self_signed_cert", "tls_cert_request",
		"null_resource", "terraform_data",
	}
	some c in credentials
	msg := sprintf("%s has a credential written in the configuration (%s)", [label, c.path])
	finding := lib.finding(rego.metadata.rule(), c.location, msg)
}

# label names the block: provider "aws" (alias "west"), or aws_db_instance "main".
label := sprintf("provider %q%s", [substring(input.type, count("provider."), -1), alias]) if {
	startswith(input.type, "provider.")
} else := sprintf("%s %q", [input.type, input.name])

alias := sprintf(" (alias %q)", [input.name]) if {
	is_string(input.name)
	input.name != ""
} else := ""

# Arguments other rules already report: the AWS provider's keys (TG-AWS-600) and the
# Synapse administrator password (TG-AZ-241).
reported_elsewhere := {
	"provider.aws": {"access_key", "secret_key", "token"},
	"azurerm_synapse_workspace": {"sql_administrator_login_password"},
}

# credentials holds the literal credentials of the document: {path, location}.
credentials contains {"path": concat(".", names), "location": lib.attr_loc(parent, key)} if {
	# Each argument's value is walked, not the resource's positions (__loc),
	# which are most of its nodes and hold no argument.
	some top, v in input.resource
	top != "__loc"
	walk(v, [sub, value])
	is_string(value)
	path := array.concat([top], sub)
	a := argument(path)
	key := a.key
	parent := object.get(input.resource, a.parent, {})
	names := [n | some n in array.concat(a.parent, [key]); is_string(n)]
	not "__loc" in names
	credential_name(key)
	not reference_block(names)
	not parent.__loc.attrs[key].sensitive
	literal_secret(value)
}

credentials contains {"path": key, "location": lib.attr_loc(input.resource, key)} if {
	some key, value in input.resource
	key != "__loc"
	credential_name(key)
	not key in object.get(reported_elsewhere, input.type, set())
	some v in string_values(value)
	literal_secret(v)
	not input.resource.__loc.attrs[key].sensitive
}

# argument(path) splits the path of a string inside the resource into the argument that
# holds it and the object holding the argument: an argument of a nested block (the path
# runs through a list index, as nested blocks are lists) or a string of a list argument.
# Keys of map arguments (environment variables, labels, metadata) are not arguments.
argument(path) := {"key": path[n - 1], "parent": array.slice(path, 0, n - 1)} if {
	n := count(path)
	n >= 3
	is_string(path[n - 1])
	is_number(path[n - 2])
}

argument(path) := {"key": path[n - 2], "parent": array.slice(path, 0, n - 2)} if {
	n := count(path)
	n >= 4
	is_number(path[n - 1])
	is_string(path[n - 2])
	is_number(path[n - 3])
}

string_values(v) := [v] if is_string(v)

string_values(v) := [s | some s in v; is_string(s)] if is_array(v)

# A block that says where a secret is kept, not what it is: the "secret" argument of a
# secret_environment_variables or secret_key_ref block names a Secret Manager secret.
reference_block(names) if {
	count(names) > 1
	names[count(names) - 1] in {"secret", "secrets"}
	some n in array.slice(names, 0, count(names) - 1)
	contains(lower(n), "secret")
}

# A block whose name marks its arguments as settings (token_validity_units).
reference_block(names) if {
	some n in array.slice(names, 0, count(names) - 1)
	is_string(n)
	regex.match(`(_units|_validity|_policy)$`, lower(n))
}

# credential_name(name): an argument named like a credential, and not like a setting
# about one (secret_arn, password_length, token_url, enable_token_revocation).
credential_name(name) if {
	n := lower(name)
	regex.match(`(password|passwd|passphrase|secret|token|api_?key|private_?key|access_?key|credentials?|auth_?key|client_?key|sas_?key|shared_?key|account_?key)`, n)
	not not_a_value(n)
}

not_a_value(name) if regex.match(`(^|_)(arns?|ids?|file|filename|path|dir|url|uri|name|names|type|version|versions|version_stage|length|ttl|expiry|expiration|header|endpoint|region|key_id|policy|rotation\w*|days|count|ref|source|stage|template|units|validity|enabled|required|mode|format|algorithm|lifetime|duration|timeout|location|prefix|hint|setting_name|list|config|configuration|settings|scopes?|audience|issuer|labels?|description|characters|tokens|store|reference|kms_key|key_vault_id|secret_id|usage|properties|method|parameter|parameters|revocation|validation|rotation)$`, lower(name))

not_a_value(name) if regex.match(`^(enable|enabled|disable|use|require|allow|is|has|skip|manage|generate|create|rotate|reset|min|max|minimum|maximum|include|exclude)_`, lower(name))

# literal_secret(v): a literal value that could be a credential: not empty, not a
# placeholder or a mask, not a pointer to a secret store, a file or a URL.
literal_secret(v) if {
	s := trim_space(v)
	s != ""
	not placeholder(s)
	not pointer(s)
}

placeholder(s) if regex.match(`^(<[^<>]*>|\*+|[xX]{3,}|\(sensitive value\)|true|false|null|none)$`, lower(s))

placeholder(s) if contains(s, "${")

placeholder(s) if contains(s, "{{")

pointer(s) if startswith(s, "arn:")

pointer(s) if regex.match(`^projects/[^/\s]+/secrets/`, s)

pointer(s) if regex.match(`^/[A-Za-z0-9_.:/-]+$`, s)

pointer(s) if regex.match(`^https?://[^@\s]+$`, s)

pointer(s) if regex.match(`^(~|\.{1,2})?/?[A-Za-z0-9_./-]+\.(json|pem|key|p12|pfx|crt|cer|der|jks|txt)$`, s)
