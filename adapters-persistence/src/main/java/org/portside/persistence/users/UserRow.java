package org.portside.persistence.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("users")
record UserRow(@Id String userid, String firstName, String lastName) {
}
