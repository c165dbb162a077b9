package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.GranteeType;
import io.cairn.catalog.Acl.Grant;
import io.cairn.catalog.Acl.Permission;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access decision and the roles, without a server. */
class AccessTest {
  private static final String OWNER = "a".repeat(64);
  private static final String BOB = "b".repeat(64);

  private static Grant user(String id, Permission p) {
    return new Grant(GranteeType.CANONICAL_USER, id, p);
  }

  @Test
  void owner_withoutAGrantNamingIt_mayDoEverything_anonymousNothing() {
    for (Permission p : Permission.values()) {
      assertThat(Access.allows(OWNER, OWNER, Acl.none(), p)).as(p.name()).isTrue();
      assertThat(Access.allows(null, OWNER, Acl.none(), p)).as(p.name()).isFalse();
      assertThat(Access.allows(BOB, OWNER, Acl.none(), p)).as(p.name()).isFalse();
    }
  }

  @Test
  void owner_namedWithReadOnly_hasReadAndTheAclPermissions_butNotWrite() {
    Acl acl = new Acl(List.of(user(OWNER, Permission.READ)));
    assertThat(Access.allows(OWNER, OWNER, acl, Permission.READ)).isTrue();
    assertThat(Access.allows(OWNER, OWNER, acl, Permission.WRITE)).isFalse();
    assertThat(Access.allows(OWNER, OWNER, acl, Permission.READ_ACP)).isTrue();
    assertThat(Access.allows(OWNER, OWNER, acl, Permission.WRITE_ACP)).isTrue();
  }

  @Test
  void groups_allUsersIncludesAnonymous_authenticatedUsersOnlySigned() {
    Acl all = new Acl(List.of(new Grant(GranteeType.ALL_USERS, null, Permission.READ)));
    Acl signed = new Acl(List.of(
        new Grant(GranteeType.AUTHENTICATED_USERS, null, Permission.READ)));
    assertThat(Access.allows(null, OWNER, all, Permission.READ)).isTrue();
    assertThat(Access.allows(null, OWNER, all, Permission.WRITE)).isFalse();
    assertThat(Access.allows(null, OWNER, signed, Permission.READ)).isFalse();
    assertThat(Access.allows(BOB, OWNER, signed, Permission.READ)).isTrue();
  }

  @Test
  void fullControlGrant_givesEachPermission_andIsNeededForTheOwnerRole() {
    Acl full = new Acl(List.of(user(BOB, Permission.FULL_CONTROL)));
    Acl writer = new Acl(List.of(user(BOB, Permission.READ), user(BOB, Permission.WRITE)));
    for (Permission p : Permission.values()) {
      assertThat(Access.allows(BOB, OWNER, full, p)).as(p.name()).isTrue();
    }
    assertThat(Access.allows(BOB, OWNER, writer, Permission.WRITE)).isTrue();
    assertThat(Access.allows(BOB, OWNER, writer, Permission.READ_ACP)).isFalse();
    assertThat(Access.allows(BOB, OWNER, writer, Permission.FULL_CONTROL)).isFalse();
  }

  @Test
  void roles_mapToGrants_andGrantsBackToTheStrongestRole() {
    assertThat(Role.READER.permissions()).containsExactly(Permission.READ);
    assertThat(Role.WRITER.permissions()).containsExactly(Permission.READ, Permission.WRITE);
    assertThat(Role.OWNER.permissions()).containsExactly(Permission.FULL_CONTROL);
    for (Role r : Role.values()) {
      assertThat(Role.strongest(r.permissions())).contains(r);
    }
    assertThat(Role.strongest(List.of(Permission.READ, Permission.WRITE, Permission.READ_ACP,
        Permission.WRITE_ACP))).contains(Role.OWNER);
    assertThat(Role.strongest(List.of(Permission.READ, Permission.READ_ACP)))
        .contains(Role.READER);
    assertThat(Role.strongest(List.of(Permission.WRITE))).isEmpty();
    assertThat(Role.of("Writer")).contains(Role.WRITER);
    assertThat(Role.of("admin")).isEmpty();
  }

  @Test
  void cannedAcls_addTheirGrants_bucketOwnerOnesOnlyForAnotherOwner() {
    assertThat(CannedAcl.PRIVATE.grants(OWNER, OWNER).grants()).isEmpty();
    assertThat(CannedAcl.PUBLIC_READ_WRITE.grants(OWNER, OWNER).grants()).containsExactly(
        new Grant(GranteeType.ALL_USERS, null, Permission.READ),
        new Grant(GranteeType.ALL_USERS, null, Permission.WRITE));
    assertThat(CannedAcl.BUCKET_OWNER_FULL_CONTROL.grants(BOB, OWNER).grants())
        .containsExactly(user(OWNER, Permission.FULL_CONTROL));
    assertThat(CannedAcl.BUCKET_OWNER_READ.grants(OWNER, OWNER).grants()).isEmpty();
    assertThat(CannedAcl.of("authenticated-read")).contains(CannedAcl.AUTHENTICATED_READ);
    assertThat(CannedAcl.of("log-delivery-write")).isEmpty();
  }
}
