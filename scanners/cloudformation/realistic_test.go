package cloudformation_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
)

// anyRule keeps the findings of every built-in rule.
func anyRule(string) bool { return true }

// scanTemplate scans one fixture template, failing on any scanner error.
func scanTemplate(t *testing.T, file string) []scanners.Document {
	t.Helper()
	res := scan(t, file)[0]
	if len(res.Errors) > 0 {
		t.Fatalf("%s: %v", file, res.Errors)
	}
	return res.Documents
}

// TestRealisticTemplateFindings scans a whole stack written the way teams write
// them (short-form intrinsics, parameters, mappings, conditions, imports) and
// checks every finding of the built-in rules, rule and lines, end to end.
func TestRealisticTemplateFindings(t *testing.T) {
	const f = "cloudformation/realistic/template.yaml"
	docs := scanTemplate(t, f)
	at := func(rule, lines string) string { return rule + " " + f + ":" + lines }
	want := []string{
		at("TG-CFN-001", "38-38"),   // AssetsBucket AccessControl: PublicRead
		at("TG-CFN-002", "101-101"), // OrdersDB StorageEncrypted: false
		at("TG-CFN-004", "134-134"), // Trail IsMultiRegionTrail: false
		at("TG-CFN-005", "168-168"), // SSH from !Ref AdminCidr, default 0.0.0.0/0
		at("TG-CFN-005", "170-170"), // IpProtocol -1 from ::/0 covers SSH and RDP
		at("TG-CFN-006", "39-42"),   // BlockPublicPolicy left out
		at("TG-CFN-006", "40-40"),   // BlockPublicAcls: false
		at("TG-CFN-006", "42-42"),   // RestrictPublicBuckets: "false"
		at("TG-CFN-007", "51-55"),   // public s3:GetObject statement
		at("TG-CFN-008", "78-82"),   // public s3:PutObject statement (Principal AWS "*")
		at("TG-CFN-009", "181-182"), // AdministratorAccess in ManagedPolicyArns
		at("TG-CFN-009", "187-189"), // inline Action "*" Resource "*"
		at("TG-CFN-010", "196-199"), // trust policy Principal AWS "*"
		at("TG-CFN-011", "204-205"), // user with ManagedPolicyArns
		at("TG-CFN-012", "207-210"), // access key
		at("TG-CFN-013", "100-100"), // PubliclyAccessible: true
		at("TG-CFN-014", "94-103"),  // no EnableIAMDatabaseAuthentication
		at("TG-CFN-015", "164-164"), // PostgreSQL from 0.0.0.0/0
		at("TG-CFN-016", "170-170"), // all protocols from ::/0
		at("TG-CFN-017", "271-271"), // Redshift PubliclyAccessible: true
		at("TG-CFN-018", "307-308"), // EKS endpoint public by default
		at("TG-CFN-019", "316-319"), // ImageTagMutability not set
		at("TG-CFN-020", "300-300"), // Lambda permission Principal "*"
		at("TG-CFN-021", "293-293"), // function URL AuthType: NONE
		at("TG-CFN-022", "36-42"),   // AssetsBucket without BucketEncryption
		at("TG-CFN-023", "48-55"),   // AssetsBucketPolicy without TLS-only statement
		at("TG-CFN-024", "323-326"), // EBS volume Encrypted not set
		at("TG-CFN-025", "337-337"), // instance block device Encrypted: false
		at("TG-CFN-027", "107-114"), // DynamoDB without SSESpecification
		at("TG-CFN-028", "148-148"), // SqsManagedSseEnabled: false
		at("TG-CFN-029", "152-153"), // SNS topic without KmsMasterKeyId
		at("TG-CFN-030", "120-120"), // EnableKeyRotation: false
		at("TG-CFN-031", "132-136"), // trail without KMSKeyId
		at("TG-CFN-032", "217-217"), // HTTP listener forwarding
		at("TG-CFN-033", "228-228"), // ELBSecurityPolicy-2016-08
		at("TG-CFN-034", "246-246"), // ViewerProtocolPolicy: allow-all
		at("TG-CFN-035", "251-251"), // MinimumProtocolVersion: TLSv1
		at("TG-CFN-036", "255-261"), // redis without AtRestEncryptionEnabled
		at("TG-CFN-037", "260-260"), // TransitEncryptionEnabled: false
		at("TG-CFN-038", "272-272"), // Redshift Encrypted: false
		at("TG-CFN-039", "284-287"), // environment variables (all !Ref) without KmsKeyArn
		at("TG-CFN-040", "140-142"), // log group without KmsKeyId
		at("TG-CFN-041", "304-312"), // EKS without EncryptionConfig
		at("TG-CFN-042", "102-102"), // !FindInMap retention 3 days
		at("TG-CFN-043", "94-103"),  // no DeletionProtection
		at("TG-CFN-044", "103-103"), // !FindInMap MultiAZ false
		at("TG-CFN-045", "107-114"), // no PointInTimeRecoverySpecification
		at("TG-CFN-046", "107-114"), // no DeletionProtectionEnabled
		at("TG-CFN-047", "36-42"),   // AssetsBucket without VersioningConfiguration
		at("TG-CFN-047", "67-67"),   // UploadsBucket Status: Suspended
		at("TG-CFN-048", "105-114"), // OrdersTable without DeletionPolicy
		at("TG-CFN-048", "263-273"), // Warehouse without DeletionPolicy
		at("TG-CFN-048", "321-326"), // DataVolume without DeletionPolicy
		at("TG-CFN-048", "339-343"), // SharedFs without DeletionPolicy
		at("TG-CFN-048", "34-42"),   // AssetsBucket without DeletionPolicy
		at("TG-CFN-048", "93-93"),   // OrdersDB DeletionPolicy: Delete
		at("TG-CFN-049", "341-343"), // EFS without BackupPolicy
		at("TG-CFN-050", "261-261"), // SnapshotRetentionLimit: 1
		at("TG-CFN-051", "273-273"), // AutomatedSnapshotRetentionPeriod: 0
		at("TG-CFN-052", "132-136"), // no EnableLogFileValidation
		at("TG-CFN-053", "132-136"), // no CloudWatchLogsLogGroupArn
		at("TG-CFN-054", "135-135"), // IncludeGlobalServiceEvents: false
		at("TG-CFN-055", "36-42"),   // AssetsBucket without LoggingConfiguration
		at("TG-CFN-056", "94-103"),  // no EnableCloudwatchLogsExports
		at("TG-CFN-057", "142-142"), // RetentionInDays !Ref, default 14
		at("TG-CFN-058", "311-312"), // only the api log type
		at("TG-CFN-059", "319-319"), // ScanOnPush: false
		at("TG-CFN-060", "238-251"), // no DistributionConfig Logging
		at("TG-CFN-072", "146-148"), // JobsQueue without KmsMasterKeyId
		at("TG-CFN-074", "316-319"), // ECR repository without a customer managed key
		at("TG-CFN-082", "36-42"),   // AssetsBucket: no encryption at all, so no customer managed key
		at("TG-CFN-082", "65-65"),   // UploadsBucket SSEAlgorithm: AES256
		at("TG-CFN-083", "323-326"), // EBS volume without a customer managed key
		at("TG-CFN-085", "265-273"), // Redshift without a customer managed key
		at("TG-CFN-087", "277-287"), // Lambda without active tracing
		at("TG-CFN-093", "60-70"),   // UploadsBucket declares no Block Public Access
		at("TG-CFN-103", "307-308"), // EKS endpoint public (default), besides open to all (018)
		at("TG-CFN-110", "238-251"), // CloudFront without a WAF web ACL
		at("TG-CFN-131", "265-273"), // Redshift without audit logging
		at("TG-CFN-132", "265-273"), // Redshift without a chosen subnet group
		at("TG-CFN-143", "311-312"), // not every EKS control plane log type
		at("TG-CFN-175", "277-287"), // Lambda outside a VPC
	}
	if got := scantest.Findings(t, docs, anyRule); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRealisticTemplatePasses scans the same stack after the review: no
// built-in rule may fire, and it has every kind of resource the failing stack
// has, so the silence is not for want of resources to check.
func TestRealisticTemplatePasses(t *testing.T) {
	docs := scanTemplate(t, "cloudformation/realistic-pass/template.yaml")
	if got := scantest.Findings(t, docs, anyRule); len(got) > 0 {
		t.Errorf("the reviewed stack has findings:\n%s", strings.Join(got, "\n"))
	}

	types := map[string]bool{}
	for _, d := range docs {
		types[d.Type] = true
	}
	for _, d := range scanTemplate(t, "cloudformation/realistic/template.yaml") {
		// An access key is a finding by its mere existence.
		if !types[d.Type] && d.Type != "AWS::IAM::AccessKey" {
			t.Errorf("the reviewed stack has no %s (%s in the failing stack)", d.Type, d.Name)
		}
	}
}
