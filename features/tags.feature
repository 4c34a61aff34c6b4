Feature: Tags
  Tags, also known as groups, belong to the account. POST /customers/tags
  creates one (a tag name is required, metadata is optional, and the same
  name may be used more than once) and answers 200 with the tag.
  GET /customers/tags lists the live tags, oldest first. DELETE
  /customers/tags/{tag_id} is a soft delete: it answers 200 with the deleted
  tag and takes the tag off every customer that had it.

  A customer's tags are read with GET /customers/users/{customer_id}/tags
  and set with PUT on the same path, whose body is a JSON array of tag ids
  that replaces the customer's tags. The users list finds the customers that
  have a tag with the query parameter tag_id.

  Background:
    Given I am authenticated as "admin-client"

  # POST /customers/tags

  @in-process
  Scenario: Create a tag
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tags" with body:
      """
      {"tag": "VIP", "metadata": {"tier": "gold", "discount": 10}}
      """
    Then the response status is 200
    And the response field "id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And the response field "tag" is "VIP"
    And the response field "metadata" is:
      """
      {"tier": "gold", "discount": 10}
      """
    And the response field "created_by" is "admin-client"
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
    And the response has no field "deleted_at"
    And I save the response field "id" as "vip"
    When I GET "/customers/tags"
    Then the response status is 200
    And the response is a list of 1 item
    And the response field "0.id" is "{vip}"
    And the response field "0.tag" is "VIP"
    And the response field "0.metadata" is:
      """
      {"tier": "gold", "discount": 10}
      """

  Scenario: A tag without metadata is answered with empty metadata
    When I POST "/customers/tags" with body:
      """
      {"tag": "Newsletter"}
      """
    Then the response status is 200
    And the response field "tag" is "Newsletter"
    And the response field "metadata" is:
      """
      {}
      """

  Scenario Outline: A tag name is required (<body>)
    When I POST "/customers/tags" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "tag"
    When I GET "/customers/tags"
    Then the response is a list of 0 items

    Examples:
      | body                           |
      | {}                             |
      | {"metadata": {"tier": "gold"}} |
      | {"tag": ""}                    |
      | {"tag": 42}                    |

  @in-process
  Scenario: Two tags may have the same name
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    Then the response status is 200
    And I save the response field "id" as "first"
    When the sandbox clock advances 1 second
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    Then the response status is 200
    And I save the response field "id" as "second"
    When I GET "/customers/tags"
    Then the response is a list of 2 items
    And the "tag" of the response items are "VIP, VIP"
    And the "id" of the response items are "{first}, {second}"

  # GET /customers/tags

  @in-process
  Scenario: Tags are listed oldest first
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tags" with body:
      """
      {"tag": "Silver"}
      """
    And the sandbox clock advances 1 second
    And I POST "/customers/tags" with body:
      """
      {"tag": "Bronze"}
      """
    And the sandbox clock advances 1 second
    And I POST "/customers/tags" with body:
      """
      {"tag": "Gold"}
      """
    And I GET "/customers/tags"
    Then the response status is 200
    And the "tag" of the response items are "Silver, Bronze, Gold"
    And the "created_at" of the response items are "2026-01-02T03:04:05.000Z, 2026-01-02T03:04:06.000Z, 2026-01-02T03:04:07.000Z"

  Scenario: An account without tags lists an empty array
    When I GET "/customers/tags"
    Then the response status is 200
    And the response body is:
      """
      []
      """

  # DELETE /customers/tags/{tag_id}

  @in-process
  Scenario: Delete a tag
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP", "metadata": {"tier": "gold"}}
      """
    And I save the response field "id" as "vip"
    And I POST "/customers/tags" with body:
      """
      {"tag": "Newsletter"}
      """
    And I save the response field "id" as "news"
    When the sandbox clock advances 60 seconds
    And I DELETE "/customers/tags/{vip}"
    Then the response status is 200
    And the response field "id" is "{vip}"
    And the response field "tag" is "VIP"
    And the response field "metadata" is:
      """
      {"tier": "gold"}
      """
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "deleted_at" is "2026-01-02T03:05:05.000Z"
    And the response field "deleted_by" is "admin-client"
    When I GET "/customers/tags"
    Then the response is a list of 1 item
    And the "id" of the response items are "{news}"

  Scenario: A deleted tag is taken off every customer
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
      | c-2         | kari@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I POST "/customers/tags" with body:
      """
      {"tag": "Newsletter"}
      """
    And I save the response field "id" as "news"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}", "{news}"]
      """
    And I PUT "/customers/users/c-2/tags" with body:
      """
      ["{vip}"]
      """
    When I GET "/customers/users?tag_id={vip}"
    Then the "customer_id" of the response items are "c-1, c-2"
    When I DELETE "/customers/tags/{vip}"
    Then the response status is 200
    When I GET "/customers/users/c-1/tags"
    Then the response status is 200
    And the "id" of the response items are "{news}"
    When I GET "/customers/users/c-2/tags"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/customers/users?tag_id={vip}"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/customers/users?tag_id={news}"
    Then the "customer_id" of the response items are "c-1"

  Scenario: A deleted tag is gone from the customers in the sandbox state
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
      | c-2         | kari@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I POST "/customers/tags" with body:
      """
      {"tag": "Newsletter"}
      """
    And I save the response field "id" as "news"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}", "{news}"]
      """
    And I PUT "/customers/users/c-2/tags" with body:
      """
      ["{vip}"]
      """
    When I DELETE "/customers/tags/{vip}"
    And I GET "/_sandbox/state"
    Then the response status is 200
    And the YAML response field "dintero.accounts.{aid}.customers.0.customer_id" is "c-1"
    And the YAML response field "dintero.accounts.{aid}.customers.0.tags" is a list of 1 item
    And the YAML response field "dintero.accounts.{aid}.customers.0.tags.0" is "{news}"
    And the YAML response field "dintero.accounts.{aid}.customers.1.customer_id" is "c-2"
    And the YAML response has no field "dintero.accounts.{aid}.customers.1.tags"

  Scenario: Deleting a tag twice is 404 the second time
    Given I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I DELETE "/customers/tags/{vip}"
    And the response status is 200
    When I DELETE "/customers/tags/{vip}"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Tag not found"

  Scenario: Deleting an unknown tag is 404
    When I DELETE "/customers/tags/3c90c3cc-0d44-4b50-8888-8dd25736052a"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Tag not found"

  Scenario: A tag_id that is not a UUID is refused
    Given I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    When I DELETE "/customers/tags/VIP"
    Then the response status is 400
    And the error lists the path field "tag_id"
    When I GET "/customers/tags"
    Then the response is a list of 1 item

  # GET and PUT /customers/users/{customer_id}/tags

  Scenario: A new customer has no tags
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    When I GET "/customers/users/c-1/tags"
    Then the response status is 200
    And the response body is:
      """
      []
      """

  @in-process
  Scenario: Setting a customer's tags answers the full tags in the order given
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP", "metadata": {"tier": "gold"}}
      """
    And I save the response field "id" as "vip"
    And I POST "/customers/tags" with body:
      """
      {"tag": "Newsletter"}
      """
    And I save the response field "id" as "news"
    When I PUT "/customers/users/c-1/tags" with body:
      """
      ["{news}", "{vip}"]
      """
    Then the response status is 200
    And the response is a list of 2 items
    And the "id" of the response items are "{news}, {vip}"
    And the "tag" of the response items are "Newsletter, VIP"
    And the response field "1.metadata" is:
      """
      {"tier": "gold"}
      """
    And the response field "1.created_by" is "admin-client"
    And the response field "1.created_at" is "2026-01-02T03:04:05.001Z"
    When I GET "/customers/users/c-1/tags"
    Then the response status is 200
    And the "tag" of the response items, in any order, are "Newsletter, VIP"

  Scenario: Setting a customer's tags replaces the tags it had
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I POST "/customers/tags" with body:
      """
      {"tag": "Newsletter"}
      """
    And I save the response field "id" as "news"
    And I POST "/customers/tags" with body:
      """
      {"tag": "Staff"}
      """
    And I save the response field "id" as "staff"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}", "{news}"]
      """
    When I PUT "/customers/users/c-1/tags" with body:
      """
      ["{staff}", "{vip}"]
      """
    Then the response status is 200
    And the "tag" of the response items are "Staff, VIP"
    When I GET "/customers/users/c-1/tags"
    Then the "tag" of the response items, in any order, are "Staff, VIP"
    When I GET "/customers/users?tag_id={news}"
    Then the response is a list of 0 items

  Scenario: An empty array clears a customer's tags
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    When I PUT "/customers/users/c-1/tags" with body:
      """
      []
      """
    Then the response status is 200
    And the response body is:
      """
      []
      """
    When I GET "/customers/users/c-1/tags"
    Then the response is a list of 0 items
    When I GET "/customers/tags"
    Then the "id" of the response items are "{vip}"

  Scenario: Unknown and deleted tag ids are refused, each one named, and nothing changes
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I POST "/customers/tags" with body:
      """
      {"tag": "Gone"}
      """
    And I save the response field "id" as "gone"
    And I DELETE "/customers/tags/{gone}"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    When I PUT "/customers/users/c-1/tags" with body:
      """
      ["{gone}", "{vip}", "3c90c3cc-0d44-4b50-8888-8dd25736052a"]
      """
    Then the response status is 400
    And the error lists 2 violations
    And the error lists the body field "0"
    And the error lists the body field "2"
    And the error names "no tag with the id {gone}" among its errors
    And the error names "no tag with the id 3c90c3cc-0d44-4b50-8888-8dd25736052a" among its errors
    When I GET "/customers/users/c-1/tags"
    Then the response status is 200
    And the "id" of the response items are "{vip}"

  Scenario Outline: The tags body must be an array of tag ids (<body>)
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    When I PUT "/customers/users/c-1/tags" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    When I GET "/customers/users/c-1/tags"
    Then the "id" of the response items are "{vip}"

    Examples:
      | body         |
      | {"tags": []} |
      | "{vip}"      |
      | null         |
      | ["VIP"]      |
      | [42]         |

  Scenario: The tags of an unknown customer are 404
    Given I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    When I GET "/customers/users/no-such-customer/tags"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Customer not found"
    When I PUT "/customers/users/no-such-customer/tags" with body:
      """
      ["{vip}"]
      """
    Then the response status is 404
    And the error message is "Customer not found"

  Scenario: The tags of a deleted customer are 404
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    And I DELETE "/customers/users/c-1"
    When I GET "/customers/users/c-1/tags"
    Then the response status is 404
    And the error message is "Customer not found"
    When I PUT "/customers/users/c-1/tags" with body:
      """
      []
      """
    Then the response status is 404
    And the error message is "Customer not found"

  # GET /customers/users?tag_id=

  Scenario: tag_id lists the customers that have the tag, page by page
    Given 5 customers numbered from "c-1"
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    And I PUT "/customers/users/c-3/tags" with body:
      """
      ["{vip}"]
      """
    And I PUT "/customers/users/c-5/tags" with body:
      """
      ["{vip}"]
      """
    When I GET "/customers/users?tag_id={vip}&limit=2"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-3"
    And the response header "paging_token" is "c-3"
    When I GET "/customers/users?tag_id={vip}&limit=2&starting_after=c-3"
    Then the response status is 200
    And the "customer_id" of the response items are "c-5"
    And the response has no header "paging_token"

  Scenario: tag_id combines with other filters
    Given the customers:
      | customer_id | first_name | email            | type     |
      | c-1         | John       | john@example.com | customer |
      | c-2         | Johanna    | jo@example.com   | customer |
      | c-3         | Kari       | kari@example.com | customer |
      | c-4         | John       | john@example.org | employee |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    And I PUT "/customers/users/c-3/tags" with body:
      """
      ["{vip}"]
      """
    And I PUT "/customers/users/c-4/tags" with body:
      """
      ["{vip}"]
      """
    When I GET "/customers/users?tag_id={vip}&search=jo"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-4"
    When I GET "/customers/users?tag_id={vip}&type=employee"
    Then the response status is 200
    And the "customer_id" of the response items are "c-4"
    When I GET "/customers/users?tag_id={vip}&type=customer&search=jo"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1"

  Scenario: A tag nobody has lists no customers
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    When I GET "/customers/users?tag_id={vip}"
    Then the response status is 200
    And the response is a list of 0 items

  Scenario: tag_id loaded from a fixture by tag name
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            tags:
              - tag: VIP
                metadata: {}
            customers:
              - customer_id: c-1
                email: anna@example.com
                tags: [VIP]
              - customer_id: c-2
                email: kari@example.com
      """
    And I GET "/customers/tags"
    And I save the response field "0.id" as "vip"
    When I GET "/customers/users?tag_id={vip}"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1"
    When I GET "/customers/users/c-1/tags"
    Then the "tag" of the response items are "VIP"

  # Scopes and accounts

  Scenario: A read-only client may read tags but not change them
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    And I am authenticated as "read-client"
    When I GET "/customers/tags"
    Then the response status is 200
    And the "id" of the response items are "{vip}"
    When I GET "/customers/users/c-1/tags"
    Then the response status is 200
    And the "id" of the response items are "{vip}"
    When I POST "/customers/tags" with body:
      """
      {"tag": "Newsletter"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the token lacks a scope this operation needs"
    When I PUT "/customers/users/c-1/tags" with body:
      """
      []
      """
    Then the response status is 403
    When I DELETE "/customers/tags/{vip}"
    Then the response status is 403
    When I GET "/customers/tags"
    Then the "tag" of the response items are "VIP"
    When I GET "/customers/users/c-1/tags"
    Then the "id" of the response items are "{vip}"

  Scenario: A write client may manage tags
    Given I am authenticated as "write-client"
    When I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    Then the response status is 200
    And the response field "created_by" is "write-client"
    And I save the response field "id" as "vip"
    When I DELETE "/customers/tags/{vip}"
    Then the response status is 200
    And the response field "deleted_by" is "write-client"

  Scenario: The public client may not read tags
    Given I am authenticated as "public-client"
    When I GET "/customers/tags"
    Then the response status is 403

  Scenario: A tag of one account is unknown to another
    Given the customers:
      | customer_id | email            |
      | c-1         | anna@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP"}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1/tags" with body:
      """
      ["{vip}"]
      """
    And I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/tags"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/v1/accounts/{other_aid}/customers/users?tag_id={vip}"
    Then the response status is 200
    And the response is a list of 0 items
    When I POST "/v1/accounts/{other_aid}/customers/users" with body:
      """
      {"customer_id": "o-1"}
      """
    And I PUT "/v1/accounts/{other_aid}/customers/users/o-1/tags" with body:
      """
      ["{vip}"]
      """
    Then the response status is 400
    And the error lists the body field "0"
    And the error names "no tag with the id {vip}" among its errors
    When I DELETE "/v1/accounts/{other_aid}/customers/tags/{vip}"
    Then the response status is 404
    And the error message is "Tag not found"
    Given I am authenticated as "admin-client"
    When I GET "/customers/tags"
    Then the "id" of the response items are "{vip}"
    When I GET "/customers/users/c-1/tags"
    Then the "id" of the response items are "{vip}"

  # Seed 000: GET /customers/users/{customer_id}/tags, rebuilt through the API.

  @in-process
  Scenario: Seed 000 - a customer's tags as the documentation shows them
    Given the sandbox clock is frozen at "2023-11-07T05:31:56Z"
    And the customers:
      | customer_id | email                |
      | c-1001      | customer@example.com |
    And I POST "/customers/tags" with body:
      """
      {"tag": "VIP", "metadata": {}}
      """
    And I save the response field "id" as "vip"
    And I PUT "/customers/users/c-1001/tags" with body:
      """
      ["{vip}"]
      """
    When I GET "/customers/users/c-1001/tags"
    Then the response status is 200
    # The example of seed 000, field by field. Ids and times differ from the
    # example's; created_by is the calling client's id. The example also
    # shows deleted_by and deleted_at on this live tag: a documentation
    # artefact (the page fills in every field of the schema), so both are
    # left out of the comparison; a tag only carries them once deleted.
    And the response body equals, ignoring "id, created_at, created_by, updated_at, deleted_by, deleted_at":
      """
      [
        {
          "tag": "VIP",
          "id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
          "created_at": "2023-11-07T05:31:56Z",
          "created_by": "1c92f7e1-2897-4d46-bdcc-c127a914fb4e",
          "updated_at": "2023-11-07T05:31:56Z",
          "deleted_by": "1c92f7e1-2897-4d46-bdcc-c127a914fb4e",
          "deleted_at": "2023-11-07T05:31:56Z",
          "metadata": {}
        }
      ]
      """
    And the response field "0.id" is "{vip}"
    And the response field "0.created_at" is "2023-11-07T05:31:56.001Z"
    And the response field "0.updated_at" is "2023-11-07T05:31:56.001Z"
    And the response field "0.created_by" is "admin-client"
