package io.fillonce.registry.principal;

import org.springframework.data.mongodb.core.mapping.Document;

import io.fillonce.registry.publishing.RegistryDocument;

/** A caller the gateway can authenticate: id {@code <role>:<name>}, and only the SHA-256 hex of its API key. */
@Document("principals")
public class PrincipalDocument extends RegistryDocument {

    private Role role;
    private String name;
    private String keyHash;
    private String department;
    private String regionCode;
    private boolean active;

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public void setKeyHash(String keyHash) {
        this.keyHash = keyHash;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public String getRegionCode() {
        return regionCode;
    }

    public void setRegionCode(String regionCode) {
        this.regionCode = regionCode;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
