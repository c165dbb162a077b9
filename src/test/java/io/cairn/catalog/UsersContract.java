package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

interface UsersContract extends CatalogFixture {

  @Test
  default void create_thenFindByAccessKey_returnsUserAndSecret() throws Exception {
    User root = catalog().users().create("root", true, "AKROOT", "root-secret");

    Credential credential = catalog().users().findByAccessKey("AKROOT").orElseThrow();

    assertThat(credential.user()).isEqualTo(root);
    assertThat(credential.secretKey()).isEqualTo("root-secret");
    assertThat(root.id()).matches("[0-9a-f]{64}");
    assertThat(root.root()).isTrue();
    assertThat(catalog().users().findByAccessKey("AKNOBODY")).isEmpty();
  }

  @Test
  default void credential_toString_neverShowsTheSecret() throws Exception {
    catalog().users().create("alice", false, "AKALICE", "very-secret-value");
    assertThat(catalog().users().findByAccessKey("AKALICE").orElseThrow().toString())
        .doesNotContain("very-secret-value")
        .contains("AKALICE");
  }

  @Test
  default void create_withTakenNameOrAccessKey_isAlreadyExistsAndChangesNothing()
      throws Exception {
    user("alice");
    assertThatThrownBy(() -> catalog().users().create("alice", false, "AKOTHER", "s"))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(() -> catalog().users().create("bob", false, "AKALICE", "s"))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(catalog().users().find("bob")).isEmpty();
    assertThat(catalog().users().findByAccessKey("AKOTHER")).isEmpty();
  }

  @Test
  default void list_returnsUsersByName() throws Exception {
    user("carol");
    user("alice");
    user("bob");
    assertThat(catalog().users().list()).extracting(User::name).containsExactly("alice", "bob", "carol");
  }

  @Test
  default void addKey_andDeleteKey_changeWhichKeysAuthenticate() throws Exception {
    User alice = user("alice");
    catalog().users().addKey("alice", "AKSECOND", "second-secret");

    assertThat(catalog().users().keys("alice"))
        .extracting(AccessKey::accessKey)
        .containsExactly("AKALICE", "AKSECOND");
    assertThat(catalog().users().findByAccessKey("AKSECOND").orElseThrow().user()).isEqualTo(alice);

    catalog().users().deleteKey("AKALICE");
    assertThat(catalog().users().findByAccessKey("AKALICE")).isEmpty();
    assertThatThrownBy(() -> catalog().users().deleteKey("AKALICE"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> catalog().users().addKey("alice", "AKSECOND", "x"))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(() -> catalog().users().addKey("nobody", "AKNEW", "x"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void delete_removesUserAndKeys() throws Exception {
    User bob = user("bob");
    catalog().users().delete("bob");
    assertThat(catalog().users().find("bob")).isEmpty();
    assertThat(catalog().users().findById(bob.id())).isEmpty();
    assertThat(catalog().users().findByAccessKey("AKBOB")).isEmpty();
    assertThatThrownBy(() -> catalog().users().delete("bob")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> catalog().users().keys("bob")).isInstanceOf(NotFoundException.class);
  }

  @Test
  default void delete_ofRootOrOwnerOfResources_isConflict() throws Exception {
    catalog().users().create("root", true, "AKROOT", "s");
    User alice = user("alice");
    catalog().buckets().create("alices", alice.id(), "us-east-1", Acl.none());

    assertThatThrownBy(() -> catalog().users().delete("root")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> catalog().users().delete("alice"))
        .isInstanceOf(ConflictException.class);
    assertThat(catalog().users().findByAccessKey("AKALICE")).isPresent();

    catalog().buckets().delete("alices");
    catalog().users().delete("alice");
    assertThat(catalog().users().list()).extracting(User::name).isEqualTo(List.of("root"));
  }

  @Test
  default void create_withEmptyName_isRejected() {
    assertThatThrownBy(() -> catalog().users().create("", false, "AK", "s"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
