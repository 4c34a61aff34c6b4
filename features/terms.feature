Feature: Terms and conditions
  An account keeps the terms and conditions its customers can accept.
  POST /customers/terms creates terms (the text is required) and answers 200
  with them. GET /customers/terms/{tid} reads one. GET /customers/terms lists
  them oldest first, 10 to a page unless limit (1 to 100) says otherwise;
  starting_after takes the id of the last terms seen, and the paging_token
  response header carries it when there is a next page. DELETE
  /customers/terms/{tid} is a soft delete: deleted terms are listed only with
  include_deleted=true.

  The public client (public:customers) may read terms, so an app can show
  them before sign-up, but may not create or delete them.

  Background:
    Given I am authenticated as "admin-client"

  # POST /customers/terms and GET /customers/terms/{tid}

  @in-process
  Scenario: Create terms
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/terms" with body:
      """
      {"terms": "Membership terms 2026: points expire after 24 months."}
      """
    Then the response status is 200
    And the response field "id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And the response field "terms" is "Membership terms 2026: points expire after 24 months."
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "created_by" is "admin-client"
    And the response has no field "deleted_at"
    And I save the response field "id" as "tid"
    And I keep the response body as "created"
    When I GET "/customers/terms/{tid}"
    Then the response status is 200
    And the response body equals the kept "created"

  Scenario Outline: The terms text is required (<body>)
    When I POST "/customers/terms" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "terms"
    When I GET "/customers/terms"
    Then the response is a list of 0 items

    Examples:
      | body            |
      | {}              |
      | {"terms": null} |
      | {"terms": 2026} |

  Scenario: Reading unknown terms is 404
    When I GET "/customers/terms/3c90c3cc-0d44-4b50-8888-8dd25736052a"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Terms not found"

  Scenario: A terms id that is not a UUID is refused
    When I GET "/customers/terms/terms-2026"
    Then the response status is 400
    And the error lists the path field "tid"
    When I DELETE "/customers/terms/terms-2026"
    Then the response status is 400
    And the error lists the path field "tid"

  # GET /customers/terms

  @in-process
  Scenario: Terms are listed oldest first
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2024"}
      """
    And the sandbox clock advances 1 second
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2025"}
      """
    And the sandbox clock advances 1 second
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    And I GET "/customers/terms"
    Then the response status is 200
    And the "terms" of the response items are "Terms 2024, Terms 2025, Terms 2026"
    And the response has no header "paging_token"

  Scenario: An account without terms lists an empty array
    When I GET "/customers/terms"
    Then the response status is 200
    And the response body is:
      """
      []
      """

  @in-process
  Scenario: Paging through terms with limit and starting_after
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2024"}
      """
    And the sandbox clock advances 1 second
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2025"}
      """
    And I save the response field "id" as "t2025"
    And the sandbox clock advances 1 second
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    When I GET "/customers/terms?limit=2"
    Then the response status is 200
    And the "terms" of the response items are "Terms 2024, Terms 2025"
    And the response header "paging_token" is "{t2025}"
    When I GET "/customers/terms?limit=2&starting_after={t2025}"
    Then the response status is 200
    And the "terms" of the response items are "Terms 2026"
    And the response has no header "paging_token"

  @in-process
  Scenario: A page holds 10 terms by default
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And 11 terms created one second apart
    When I GET "/customers/terms"
    Then the response status is 200
    And the response is a list of 10 items
    And the response field "9.terms" is "Terms 10"
    And I save the response header "paging_token" as "next"
    When I GET "/customers/terms?starting_after={next}"
    Then the "terms" of the response items are "Terms 11"

  Scenario Outline: A limit outside 1 to 100 is refused for terms (limit=<limit>)
    When I GET "/customers/terms?limit=<limit>"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "limit"

    Examples:
      | limit |
      | 0     |
      | 101   |
      | -1    |
      | ten   |

  Scenario: limit=100 is accepted for terms
    When I GET "/customers/terms?limit=100"
    Then the response status is 200

  Scenario: An unknown starting_after is refused for terms
    Given I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    When I GET "/customers/terms?starting_after=3c90c3cc-0d44-4b50-8888-8dd25736052a"
    Then the response status is 400

  # DELETE /customers/terms/{tid}

  @in-process
  Scenario: Delete terms
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2025"}
      """
    And I save the response field "id" as "old"
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    And I save the response field "id" as "new"
    When the sandbox clock advances 60 seconds
    And I DELETE "/customers/terms/{old}"
    Then the response status is 200
    And the response field "id" is "{old}"
    And the response field "terms" is "Terms 2025"
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "deleted_at" is "2026-01-02T03:05:05.000Z"
    And the response field "deleted_by" is "admin-client"
    When I GET "/customers/terms"
    Then the "id" of the response items are "{new}"
    When I GET "/customers/terms/{old}"
    Then the response status is 404
    And the error message is "Terms not found"

  Scenario: Deleting terms twice is 404 the second time
    Given I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    And I save the response field "id" as "tid"
    And I DELETE "/customers/terms/{tid}"
    And the response status is 200
    When I DELETE "/customers/terms/{tid}"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Terms not found"

  Scenario: Deleting unknown terms is 404
    When I DELETE "/customers/terms/3c90c3cc-0d44-4b50-8888-8dd25736052a"
    Then the response status is 404
    And the error message is "Terms not found"

  @in-process
  Scenario: include_deleted=true lists deleted terms too
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2025"}
      """
    And I save the response field "id" as "old"
    And the sandbox clock advances 1 second
    And I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    And I DELETE "/customers/terms/{old}"
    When I GET "/customers/terms?include_deleted=true"
    Then the response status is 200
    And the "terms" of the response items are "Terms 2025, Terms 2026"
    And the response field "0.deleted_at" is "2026-01-02T03:04:06.000Z"
    And the response has no field "1.deleted_at"
    When I GET "/customers/terms?include_deleted=false"
    Then the "terms" of the response items are "Terms 2026"
    When I GET "/customers/terms"
    Then the "terms" of the response items are "Terms 2026"

  Scenario: A malformed include_deleted is refused for terms
    When I GET "/customers/terms?include_deleted=maybe"
    Then the response status is 400
    And the error lists the query field "include_deleted"

  @in-process
  Scenario: Deleted terms do not fill a page
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And 3 terms created one second apart
    And I GET "/customers/terms"
    And I save the response field "1.id" as "second"
    And I DELETE "/customers/terms/{second}"
    When I GET "/customers/terms?limit=2"
    Then the "terms" of the response items are "Terms 1, Terms 3"
    And the response has no header "paging_token"

  # Scopes and accounts

  Scenario: The public client may read terms but not create them
    Given I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    And I save the response field "id" as "tid"
    And I am authenticated as "public-client"
    When I GET "/customers/terms"
    Then the response status is 200
    And the "id" of the response items are "{tid}"
    When I GET "/customers/terms/{tid}"
    Then the response status is 200
    And the response field "terms" is "Terms 2026"
    When I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2027"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the token lacks a scope this operation needs"
    When I DELETE "/customers/terms/{tid}"
    Then the response status is 403
    When I GET "/customers/terms"
    Then the "terms" of the response items are "Terms 2026"

  Scenario: A read-only client may read terms but not change them
    Given I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    And I save the response field "id" as "tid"
    And I am authenticated as "read-client"
    When I GET "/customers/terms/{tid}"
    Then the response status is 200
    When I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2027"}
      """
    Then the response status is 403
    When I DELETE "/customers/terms/{tid}"
    Then the response status is 403
    When I GET "/customers/terms/{tid}"
    Then the response status is 200
    And the response has no field "deleted_at"

  Scenario: A write client may create and delete terms
    Given I am authenticated as "write-client"
    When I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    Then the response status is 200
    And the response field "created_by" is "write-client"
    And I save the response field "id" as "tid"
    When I DELETE "/customers/terms/{tid}"
    Then the response status is 200
    And the response field "deleted_by" is "write-client"

  Scenario: Terms of one account are unknown to another
    Given I POST "/customers/terms" with body:
      """
      {"terms": "Terms 2026"}
      """
    And I save the response field "id" as "tid"
    And I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/terms"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/v1/accounts/{other_aid}/customers/terms/{tid}"
    Then the response status is 404
    When I GET "/v1/accounts/{other_aid}/customers/terms?starting_after={tid}"
    Then the response status is 400
    When I DELETE "/v1/accounts/{other_aid}/customers/terms/{tid}"
    Then the response status is 404
    Given I am authenticated as "admin-client"
    When I GET "/customers/terms/{tid}"
    Then the response status is 200
    And the response has no field "deleted_at"

  Scenario: Terms loaded from a fixture
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            terms:
              - id: 3c90c3cc-0d44-4b50-8888-8dd25736052a
                terms: "Membership terms 2026: points expire after 24 months."
                created_at: "2026-01-02T03:04:05Z"
      """
    When I GET "/customers/terms/3c90c3cc-0d44-4b50-8888-8dd25736052a"
    Then the response status is 200
    And the response field "terms" is "Membership terms 2026: points expire after 24 months."
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
