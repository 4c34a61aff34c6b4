@fixtures-strict @in-process
Feature: Fixtures are as strict as the API
  A fixture record is checked as the API checks a request: a value the API
  would refuse is refused, and so is a field the API would not store (a
  misspelt `frist_name` that the API would drop silently), with the line
  and the field. Nothing of a refused document is loaded.

  Scenario: A misspelt customer field is refused at its line
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: typo-1
                frist_name: Ada
      """
    Then the response status is 400
    And the response field "error.code" is "INVALID_FIXTURE"
    And the response field "error.line" is the number 6
    And the response field "error.problem" matches "frist_name: unknown field"

  Scenario: A misspelt field inside a customer's address is refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: typo-2
                addresses:
                  - {address_line: Karl Johans gate 1, postal_place: Oslo, postal_cod: "0154", country: NO}
      """
    Then the response status is 400
    And the response field "error.problem" matches "addresses.0.postal_cod: unknown field"

  Scenario: A value the API would refuse is refused in a fixture
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: bad-date
                date_of_birth: 31/12/1990
      """
    Then the response status is 400
    And the response field "error.line" is the number 6
    And the response field "error.problem" matches "date_of_birth"

  # Dintero publishes email as a free string (no format): the API takes
  # "not-an-email", and so does a fixture, as strict as the API and no more.
  Scenario: An email the API accepts loads from a fixture too
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: free-email
                email: not-an-email
      """
    Then the response status is 200

  Scenario Outline: Unknown fields of tags, terms, token events and tokens are refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            <key>: [<record>]
      """
    Then the response status is 400
    And the response field "error.problem" matches "<field>: unknown field"

    Examples:
      | key          | record                                                        | field   |
      | tags         | {tag: VIP, colour: red}                                       | colour  |
      | terms        | {terms: "Be nice", version: 2}                                | version |
      | token_events | {token: {type: a, value: b}, evnts: []}                       | evnts   |
      | customers    | {customer_id: t-1, tokens: [{type: a, value: b, valu: c}]}    | valu    |

  Scenario: A misspelt settings field is refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            settings: {users: {customer_id_fromat: uuid}}
      """
    Then the response status is 400
    And the response field "error.problem" matches "users.customer_id_fromat: unknown field"

  Scenario Outline: Unknown fields of Tradevest records are refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      tradevest:
        partners:
          fixture-strict-<n>:
            clients: [{client_id: strict-<n>, client_secret: s}]
            natural_persons:
              - naturalPersonId: 0b7c2a4e-5d1f-4c3a-9e8b-7a6f5e4d3c2<n>
                firstName: Ada
                lastName: Lovelace
                birthDay: "1990-12-10"
                birthPlace: London
                birthCountry: GB
                nationalities: [{countryCode: GB}]
                mainAddress: {street: Main Street, streetNumber: "1", city: London, zip: SW1A 1AA, country: GB}
                <np_extra>
            customers: [{entityId: 0b7c2a4e-5d1f-4c3a-9e8b-7a6f5e4d3c2<n>, entityType: NATURAL_PERSON<customer_extra>}]
            onboardings: <onboardings>
      """
    Then the response status is 400
    And the response field "error.problem" matches "<field>: unknown field"

    Examples:
      | n | np_extra          | customer_extra  | onboardings                                                              | field     |
      | 1 | lastNmae: Byron   |                 | []                                                                       | lastNmae  |
      | 2 |                   | , lables: [vip] | []                                                                       | lables    |
      | 3 |                   |                 | [{roleId: 0b7c2a4e-5d1f-4c3a-9e8b-7a6f5e4d3c23, stauts: APPROVED}]       | stauts    |

  Scenario: A refused document loads nothing
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            tags: [{tag: Fine}]
            customers:
              - customer_id: typo-3
                frist_name: Ada
      """
    Then the response status is 400
    Given I am authenticated as "admin-client"
    When I GET "/customers/tags"
    Then the response status is 200
    And the response body is:
      """
      []
      """
