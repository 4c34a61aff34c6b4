@limits
Feature: Bounded input
  JSON request bodies may nest arrays and objects at most 64 levels deep.
  A deeper body is refused with a 400 in the vendor's shape (errorCode or
  error.code INVALID_JSON) before anything is read from it, so nothing is
  stored; the control plane refuses deeper JSON bodies in its own shape,
  and fixture documents nested deeper than 96 levels (the API's 64 plus
  room for the document's own structure) with INVALID_FIXTURE.

  A query string with a broken percent-encoding (%zz) is a 400 naming the
  query, not a request with that parameter silently left out. A request
  target over 16 KiB is a 414, headers over 64 KiB a 431, in the shape of
  the API the path belongs to.

  The request journal keeps at most 2,048 bytes of each entry's path and
  query; an entry cut there is marked "truncated": true.

  Scenario: A Dintero body nested 65 levels deep is refused, and the customer not stored
    # the body, metadata, then 63 arrays: 65 levels
    Given I am authenticated as "admin-client"
    When I POST "/customers/users" with this body, where {deep} is nested 63 levels deep:
      """
      {"customer_id": "deep-1", "metadata": {"tree": {deep}}}
      """
    Then the response status is 400
    And the error code is "INVALID_JSON"
    And the error message is "the request body is nested deeper than 64 levels"
    When I GET "/customers/users/deep-1"
    Then the response status is 404

  Scenario: A Dintero body nested exactly 64 levels deep is accepted
    # the body, metadata, then 62 arrays: 64 levels
    Given I am authenticated as "admin-client"
    When I POST "/customers/users" with this body, where {deep} is nested 62 levels deep:
      """
      {"customer_id": "deep-2", "metadata": {"tree": {deep}}}
      """
    Then the response status is 200
    When I GET "/customers/users/deep-2"
    Then the response status is 200

  Scenario: A customer with metadata nested 9,994 levels deep is a 400
    Given I am authenticated as "admin-client"
    When I POST "/customers/users" with this body, where {deep} is nested 9994 levels deep:
      """
      {"customer_id": "deep-3", "metadata": {"tree": {deep}}}
      """
    Then the response status is 400
    And the error code is "INVALID_JSON"
    When I GET "/customers/users/deep-3"
    Then the response status is 404

  Scenario: An update nested too deeply is refused and leaves the customer as it was
    Given I am authenticated as "admin-client"
    And the customers:
      | customer_id | email             |
      | deep-4      | deep-4@example.com |
    When I PUT "/customers/users/deep-4" with this body, where {deep} is nested 100 levels deep:
      """
      {"email": "changed@example.com", "metadata": {"tree": {deep}}}
      """
    Then the response status is 400
    And the error code is "INVALID_JSON"
    When I GET "/customers/users/deep-4"
    Then the response field "email" is "deep-4@example.com"

  @tradevest @in-process
  Scenario: A Tradevest body nested too deeply is an ErrorMessage 400, and no customer role is created
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    # the body, then 64 arrays: 65 levels
    When I POST "/roles/customers" with this body, where {deep} is nested 64 levels deep:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "labels": {deep}}
      """
    Then the response status is 400
    And the response field "errorCode" is "INVALID_JSON"
    And the response field "responseType" is "BAD_REQUEST"
    And the response field "message" is "the request body is nested deeper than 64 levels"
    When I GET "/roles/customers?entityId=6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response status is 200
    And the response field "data" is a list of 0 items

  Scenario: A control-plane JSON body nested too deeply is refused in the control plane's shape
    When I POST "/_sandbox/faults" with this body, where {deep} is nested 64 levels deep:
      """
      {"method": "GET", "path": "/roles/*", "status": 503, "body": {deep}}
      """
    Then the response status is 400
    And the error code is "BAD_REQUEST"
    And the error message contains "nested deeper than 64 levels"
    When I GET "/_sandbox/faults"
    Then the response is a list of 0 items

  Scenario: A fixture document nested deeper than 96 levels is refused, and nothing of it loaded
    # the document, dintero, accounts, the account, then 93 arrays: 97 levels
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and this body, where {deep} is nested 93 levels deep:
      """
      dintero:
        accounts:
          {new_aid}:
            clients: {deep}
      """
    Then the response status is 400
    And the error code is "INVALID_FIXTURE"
    And the error message contains "nested deeper than 96 levels"
    When I GET "/_sandbox/state"
    Then the YAML response has no field "dintero.accounts.{new_aid}"

  Scenario: A query with a broken percent-encoding is a 400 naming the query (Dintero)
    Given I am authenticated as "admin-client"
    When I GET "/customers/users?email=%zz"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error message contains "invalid URL escape"
    And the error lists the query field "email"

  @tradevest
  Scenario: A query with a broken percent-encoding is a 400 naming the query (Tradevest)
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/customers?entityId=%zz"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the response field "errorDetails.0.field" is "entityId"

  Scenario: A request target longer than 16 KiB is a 414 in the vendor's shape
    Given I am authenticated as "admin-client"
    And the text "x" repeated 17000 times is saved as "long"
    When I GET "/customers/users?search={long}"
    Then the response status is 414
    And the error code is "URI_TOO_LONG"
    When I GET "/roles/customers?entityId={long}"
    Then the response status is 414
    And the response field "errorCode" is "URI_TOO_LONG"
    And the response field "responseType" is "REQUEST_URI_TOO_LONG"

  @in-process
  Scenario: A long query is cut in the journal, and the entry says so
    Given I DELETE "/_sandbox/requests"
    And the text "x" repeated 3000 times is saved as "long"
    When I GET "/roles/nope?x={long}"
    Then the response status is 404
    When I GET "/_sandbox/requests"
    Then the response field "0.truncated" is true
    And the response field "0.path" is "/roles/nope"

  # What net/http itself refuses, before any handler runs, is answered in
  # the vendor's shape too when the sandbox serves on a port (the binary,
  # sandboxtest).

  Scenario: A Dintero path with a broken percent-encoding is a 400 in Dintero's shape
    Given I am authenticated as "admin-client"
    When a client sends the raw request line "GET /v1/accounts/{aid}/customers/users/%zz HTTP/1.1"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error message contains "invalid URL escape"
    And the response field "error.errors.0.in" is "path"

  @tradevest
  Scenario: A Tradevest path with a broken percent-encoding is a 400 ErrorMessage
    When a client sends the raw request line "GET /roles/customers/%zz HTTP/1.1"
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the response field "responseType" is "BAD_REQUEST"
    And the response field "errorDetails.0.field" is "path"
    And I save the response header "X-Request-ID" as "request_id"
    And the response field "requestId" is "{request_id}"
