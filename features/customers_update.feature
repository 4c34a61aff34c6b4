Feature: Update, delete and look up customers
  PUT /customers/users/{customer_id} is a partial update: fields left out of
  the body stay as they are, a top-level null unsets a field, and metadata
  merges key by key. DELETE is a soft delete that answers 200 with what is
  left of the customer: its id, customer_id, type, created_*, deleted_* and
  updated_at (the time of the deletion).
  change_customer_id moves a customer to a new customer_id and records the
  change in its metadata. HEAD /customers/users tells whether a user with an
  email or phone number exists, once the account settings enable it.

  Every request body is JSON of at most 1 MiB, checked against the
  operation's rules before anything is stored; a 400 lists every violation.

  Background:
    Given I am authenticated as "admin-client"

  # PUT /customers/users/{customer_id}

  Scenario: Fields left out of an update stay unchanged
    Given the customers:
      | customer_id | first_name | last_name | email            | phone_number |
      | c-1         | John       | Doe       | john@example.com | +4799999999  |
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "Johnny"}
      """
    Then the response status is 200
    And the response field "first_name" is "Johnny"
    And the response field "last_name" is "Doe"
    And the response field "email" is "john@example.com"
    When I GET "/customers/users/c-1"
    Then the response field "first_name" is "Johnny"
    And the response field "last_name" is "Doe"
    And the response field "phone_number" is "+4799999999"

  Scenario: A null in an update unsets the field
    Given the customers:
      | customer_id | first_name | last_name | email            |
      | c-1         | John       | Doe       | john@example.com |
    When I PUT "/customers/users/c-1" with body:
      """
      {"last_name": null}
      """
    Then the response status is 200
    And the response has no field "last_name"
    And the response field "first_name" is "John"
    When I GET "/customers/users/c-1"
    Then the response has no field "last_name"
    And the response field "email" is "john@example.com"

  Scenario: Metadata merges key by key and a null value removes a key
    Given the customers:
      | customer_id | metadata                        |
      | c-1         | {"dob_year": 1985, "tier": "a"} |
    When I PUT "/customers/users/c-1" with body:
      """
      {"metadata": {"tier": null, "source": "pos"}}
      """
    Then the response status is 200
    And the response field "metadata" is:
      """
      {"dob_year": 1985, "source": "pos"}
      """
    When I GET "/customers/users/c-1"
    Then the response field "metadata" is:
      """
      {"dob_year": 1985, "source": "pos"}
      """

  Scenario: metadata null clears every key
    Given the customers:
      | customer_id | email            | metadata                        |
      | c-1         | john@example.com | {"dob_year": 1985, "tier": "a"} |
    When I PUT "/customers/users/c-1" with body:
      """
      {"metadata": null}
      """
    Then the response status is 200
    And the response field "metadata" is absent or an empty object
    And the response field "email" is "john@example.com"
    When I GET "/customers/users/c-1"
    Then the response field "metadata" is absent or an empty object

  Scenario: Objects other than metadata are replaced as a whole
    Given the customers:
      | customer_id | attributes                                |
      | c-1         | {"loyalty_level": "gold", "visits": 12}   |
    When I PUT "/customers/users/c-1" with body:
      """
      {"attributes": {"loyalty_level": "silver"}}
      """
    Then the response status is 200
    And the response field "attributes" is:
      """
      {"loyalty_level": "silver"}
      """

  @in-process
  Scenario: An update moves updated_at and keeps created_at
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "first_name": "John"}
      """
    Then the response field "updated_at" is "2026-01-02T03:04:05.000Z"
    When the sandbox clock advances 90 seconds
    And I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "Johnny"}
      """
    Then the response status is 200
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "updated_at" is "2026-01-02T03:05:35.000Z"
    And the response field "created_by" is "admin-client"
    When I GET "/customers/users/c-1"
    Then the response field "updated_at" is "2026-01-02T03:05:35.000Z"

  Scenario: An update may not take another customer's email
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
      | c-2         | kari@example.com |
    When I PUT "/customers/users/c-2" with body:
      """
      {"first_name": "Kari", "email": "Anna@Example.COM"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-2"
    Then the response field "email" is "kari@example.com"
    And the response has no field "first_name"

  Scenario: An update may keep the customer's own email in another case
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    When I PUT "/customers/users/c-1" with body:
      """
      {"email": "Anna@Example.com"}
      """
    Then the response status is 200
    And the response field "email" is "Anna@Example.com"

  Scenario: An update may not take another customer's phone number
    Given the customers:
      | customer_id | phone_number |
      | c-1         | +4791234567  |
      | c-2         | +4798765432  |
    When I PUT "/customers/users/c-2" with body:
      """
      {"phone_number": "+4791234567"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-2"
    Then the response field "phone_number" is "+4798765432"

  Scenario: Changing the type to company needs a company
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    When I PUT "/customers/users/c-1" with body:
      """
      {"type": "company"}
      """
    Then the response status is 400
    When I GET "/customers/users/c-1"
    Then the response field "type" is "customer"

  Scenario: Changing the type to company together with the company
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    When I PUT "/customers/users/c-1" with body:
      """
      {"type": "company", "company": {"bussiness_name": "Anna AS"}}
      """
    Then the response status is 200
    And the response field "type" is "company"
    And the response field "company.bussiness_name" is "Anna AS"

  Scenario: A rejected update changes nothing
    Given the customers:
      | customer_id | first_name | phone_number |
      | c-1         | John       | +4799999999  |
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "Johnny", "phone_number": "not a phone"}
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "phone_number"
    When I GET "/customers/users/c-1"
    Then the response field "first_name" is "John"
    And the response field "phone_number" is "+4799999999"

  Scenario: Updating an unknown customer is 404
    When I PUT "/customers/users/no-such-customer" with body:
      """
      {"first_name": "John"}
      """
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Customer not found"

  Scenario: A password update needs the scope write:accounts:/auth/users
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    When I PUT "/customers/users/c-1" with body:
      """
      {"password": "new-s3cret"}
      """
    Then the response status is 403
    Given I am authenticated as "auth-client"
    When I PUT "/customers/users/c-1" with body:
      """
      {"password": "new-s3cret"}
      """
    Then the response status is 200
    And the response has no field "password"
    And the response field "email" is "anna@example.com"

  Scenario: A read-only client may not update
    Given the customers:
      | customer_id | first_name |
      | c-1         | John       |
    And I am authenticated as "read-client"
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "Johnny"}
      """
    Then the response status is 403
    When I GET "/customers/users/c-1"
    Then the response field "first_name" is "John"

  # DELETE /customers/users/{customer_id}

  @in-process
  Scenario: Deleting a customer answers with what is left of it
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "first_name": "John", "last_name": "Doe", "email": "john@example.com",
       "phone_number": "+4799999999", "metadata": {"dob_year": 1985}}
      """
    And I save the response field "id" as "uuid"
    And the sandbox clock advances 60 seconds
    And I am authenticated as "write-client"
    And I DELETE "/customers/users/c-1"
    Then the response status is 200
    And the response body is:
      """
      {
        "id": "{uuid}",
        "customer_id": "c-1",
        "type": "customer",
        "created_at": "2026-01-02T03:04:05.000Z",
        "created_by": "admin-client",
        "updated_at": "2026-01-02T03:05:05.000Z",
        "deleted_at": "2026-01-02T03:05:05.000Z",
        "deleted_by": "write-client"
      }
      """

  Scenario: A deleted customer is gone for GET, PUT and DELETE
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    And I DELETE "/customers/users/c-1"
    And the response status is 200
    When I GET "/customers/users/c-1"
    Then the response status is 404
    And the error code is "NOT FOUND"
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "John"}
      """
    Then the response status is 404
    When I DELETE "/customers/users/c-1"
    Then the response status is 404
    And the error message is "Customer not found"

  Scenario: Deleting an unknown customer is 404
    When I DELETE "/customers/users/no-such-customer"
    Then the response status is 404
    And the error code is "NOT FOUND"

  Scenario: A deleted customer's email and phone number are free again
    Given the customers:
      | customer_id | email            | phone_number |
      | c-1         | john@example.com | +4799999999  |
    And I DELETE "/customers/users/c-1"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "email": "john@example.com", "phone_number": "+4799999999"}
      """
    Then the response status is 200
    And the response field "email" is "john@example.com"
    And the response field "phone_number" is "+4799999999"

  Scenario: A deleted customer is listed only with include_deleted
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
      | c-2         | kari@example.com |
    And I DELETE "/customers/users/c-1"
    When I GET "/customers/users"
    Then the "customer_id" of the response items are "c-2"
    When I GET "/customers/users?include_deleted=true"
    Then the "customer_id" of the response items are "c-1, c-2"
    And the response has the field "0.deleted_at"
    And the response has no field "0.email"
    And the response field "1.email" is "kari@example.com"

  Scenario: Deleting a customer with delete_tokens deletes its tokens
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: c-1
                email: john@example.com
                tokens:
                  - {token_id: t-1, type: card, value: "4111-1111"}
      """
    And I GET "/customers/users?token_value=4111-1111"
    And the "customer_id" of the response items are "c-1"
    When I DELETE "/customers/users/c-1?delete_tokens=true"
    Then the response status is 200
    When I GET "/customers/users?token_value=4111-1111&include_deleted=true"
    Then the response is a list of 0 items

  Scenario: Deleting a customer without delete_tokens keeps its tokens
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: c-1
                email: john@example.com
                tokens:
                  - {token_id: t-1, type: card, value: "4111-1111"}
      """
    When I DELETE "/customers/users/c-1"
    Then the response status is 200
    When I GET "/customers/users?token_value=4111-1111"
    Then the response is a list of 0 items
    When I GET "/customers/users?token_value=4111-1111&include_deleted=true"
    Then the "customer_id" of the response items are "c-1"

  Scenario: A read-only client may not delete
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    And I am authenticated as "read-client"
    When I DELETE "/customers/users/c-1"
    Then the response status is 403
    When I GET "/customers/users/c-1"
    Then the response status is 200

  # POST /customers/users/{customer_id}/change_customer_id

  @in-process
  Scenario: Change a customer's customer_id
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-old", "email": "john@example.com", "metadata": {"dob_year": 1985}}
      """
    And I save the response field "id" as "uuid"
    And the sandbox clock advances 10 seconds
    And I POST "/customers/users/c-old/change_customer_id" with body:
      """
      {"customer_id": "c-new"}
      """
    Then the response status is 200
    And the response field "customer_id" is "c-new"
    And the response field "id" is "{uuid}"
    And the response field "email" is "john@example.com"
    And the response field "metadata.dob_year" is the number 1985
    And the object "metadata" of the response has one key matching "^dintero_change_customer_id_.+\..+$" whose value contains:
      """
      {"old": "c-old", "new": "c-new", "created_by": "admin-client", "created_at": "2026-01-02T03:04:15.000Z"}
      """
    When I GET "/customers/users/c-new"
    Then the response status is 200
    And the response field "email" is "john@example.com"
    When I GET "/customers/users/c-old"
    Then the response status is 404

  Scenario: A changed customer_id may not be one in use
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
      | c-2         | kari@example.com |
    When I POST "/customers/users/c-1/change_customer_id" with body:
      """
      {"customer_id": "c-2"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-1"
    Then the response status is 200
    And the response field "email" is "john@example.com"
    And the response has no field "metadata"

  Scenario: A changed customer_id follows the customer_id rules
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    When I POST "/customers/users/c-1/change_customer_id" with body:
      """
      {"customer_id": " c-2"}
      """
    Then the response status is 400
    And the error lists the body field "customer_id"
    When I GET "/customers/users/c-1"
    Then the response status is 200

  Scenario: Changing the customer_id of an unknown customer is 404
    When I POST "/customers/users/no-such-customer/change_customer_id" with body:
      """
      {"customer_id": "c-2"}
      """
    Then the response status is 404
    And the error code is "NOT FOUND"

  Scenario: Changing a customer_id needs admin:customers or admin:accounts
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    And I am authenticated as "read-client"
    When I POST "/customers/users/c-1/change_customer_id" with body:
      """
      {"customer_id": "c-2"}
      """
    Then the response status is 403
    And the error code is "FORBIDDEN"
    Given I am authenticated as "write-client"
    When I POST "/customers/users/c-1/change_customer_id" with body:
      """
      {"customer_id": "c-2"}
      """
    Then the response status is 403
    Given I am authenticated as "accounts-client"
    When I POST "/customers/users/c-1/change_customer_id" with body:
      """
      {"customer_id": "c-2"}
      """
    Then the response status is 200
    And the response field "customer_id" is "c-2"
    And the object "metadata" of the response has one key matching "^dintero_change_customer_id_" whose value contains:
      """
      {"old": "c-1", "new": "c-2", "created_by": "accounts-client"}
      """

  # HEAD /customers/users

  Scenario: HEAD is not allowed unless the settings enable it
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    When I HEAD "/customers/users?email=john%40example.com"
    Then the response status is 405
    And the response body is empty

  Scenario: HEAD finds a user by email, ignoring case
    Given the account settings are:
      """
      {"users": {"customer_id_format": "uuid", "head": {"enabled": true}}}
      """
    And the customers:
      | customer_id | email            | phone_number |
      | c-1         | john@example.com | +4799999999  |
    And I am authenticated as "public-client"
    When I HEAD "/customers/users?email=John%40Example.com"
    Then the response status is 200
    And the response body is empty
    When I HEAD "/customers/users?email=kari%40example.com"
    Then the response status is 404
    And the response body is empty

  Scenario: HEAD finds a user by phone number
    Given the account settings are:
      """
      {"users": {"customer_id_format": "uuid", "head": {"enabled": true}}}
      """
    And the customers:
      | customer_id | email            | phone_number |
      | c-1         | john@example.com | +4799999999  |
    When I HEAD "/customers/users?phone_number=%2B4799999999"
    Then the response status is 200
    When I HEAD "/customers/users?phone_number=%2B4791111111"
    Then the response status is 404

  Scenario: HEAD with email and phone number needs a user with both
    Given the account settings are:
      """
      {"users": {"customer_id_format": "uuid", "head": {"enabled": true}}}
      """
    And the customers:
      | customer_id | email            | phone_number |
      | c-1         | john@example.com | +4799999999  |
      | c-2         | kari@example.com | +4791111111  |
    When I HEAD "/customers/users?email=john%40example.com&phone_number=%2B4799999999"
    Then the response status is 200
    When I HEAD "/customers/users?email=john%40example.com&phone_number=%2B4791111111"
    Then the response status is 404

  Scenario: HEAD needs an email or a phone number
    Given the account settings are:
      """
      {"users": {"customer_id_format": "uuid", "head": {"enabled": true}}}
      """
    When I HEAD "/customers/users"
    Then the response status is 400
    And the response body is empty

  Scenario: HEAD no longer finds a deleted user
    Given the account settings are:
      """
      {"users": {"customer_id_format": "uuid", "head": {"enabled": true}}}
      """
    And the customers:
      | customer_id | email            | phone_number |
      | c-1         | john@example.com | +4799999999  |
    And I DELETE "/customers/users/c-1"
    When I HEAD "/customers/users?email=john%40example.com"
    Then the response status is 404
    When I HEAD "/customers/users?phone_number=%2B4799999999"
    Then the response status is 404

  # Request bodies

  Scenario: A body that is not JSON is refused
    When I POST "/customers/users" with body:
      """
      {"email": "john@example.com",
      """
    Then the response status is 400
    And the error code is "INVALID_JSON"
    When I GET "/customers/users"
    Then the response is a list of 0 items

  Scenario: A body that is not declared as JSON is refused
    When I POST "/customers/users" with content type "text/plain" and body:
      """
      {"email": "john@example.com"}
      """
    Then the response status is 400
    And the error code is "INVALID_CONTENT_TYPE"
    When I GET "/customers/users"
    Then the response is a list of 0 items

  Scenario: A body with a charset parameter is JSON all the same
    When I POST "/customers/users" with content type "application/json; charset=utf-8" and body:
      """
      {"customer_id": "c-1", "email": "john@example.com"}
      """
    Then the response status is 200
    And the response field "email" is "john@example.com"

  Scenario: A body over 1 MiB is refused
    When I POST "/customers/users" with a JSON body of 1100000 bytes
    Then the response status is 413
    And the error code is "PAYLOAD_TOO_LARGE"
    When I GET "/customers/users"
    Then the response is a list of 0 items

  Scenario: An update body over 1 MiB is refused
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    When I PUT "/customers/users/c-1" with a JSON body of 1100000 bytes
    Then the response status is 413
    And the error code is "PAYLOAD_TOO_LARGE"
    When I GET "/customers/users/c-1"
    Then the response has no field "metadata"

  Scenario: Creating a customer needs a body
    When I POST "/customers/users"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"

  Scenario: Every violation of the body is listed
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "phone_number": "12-34", "date_of_birth": "20th of September", "type": "robot"}
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "phone_number"
    And the error lists the body field "date_of_birth"
    And the error lists the body field "type"
    And the error lists 3 violations
    When I GET "/customers/users/c-1"
    Then the response status is 404

  Scenario: Fields the API does not know are dropped from an update
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "John", "shoe_size": 42}
      """
    Then the response status is 200
    And the response field "first_name" is "John"
    And the response has no field "shoe_size"
    When I GET "/customers/users/c-1"
    Then the response has no field "shoe_size"
